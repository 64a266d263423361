/** Picking a checklist edition (the template form, the shared answers): the checklists with their editions. */
import { useEffect, useState } from 'react';
import { api, enc } from '../../../api';
import { useApi } from '../../../useApi';

export interface RuleSet {
  code: string;
  name: string;
  kind: string;
  sample: boolean;
  editions?: { label: string; status: string; publishedOn?: string | null }[];
}

/** The checklist rule sets, each with its editions (one request per rule set for them). */
export function useChecklistEditions() {
  const ruleSets = useApi<RuleSet[]>('/api/rule-sets');
  const [full, setFull] = useState<RuleSet[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const checklists = (ruleSets.data ?? []).filter((r) => r.kind === 'checklist');
    if (!ruleSets.data) return;
    Promise.all(checklists.map((r) => api<RuleSet>('GET', `/api/rule-sets/${enc(r.code)}`)))
      .then(setFull)
      .catch(setError);
  }, [ruleSets.data]);
  return { data: full, error: ruleSets.error ?? error };
}

/** A select's value for one edition of a rule set, and back. */
export const editionKey = (ruleSet: string, edition: string) => JSON.stringify([ruleSet, edition]);
export const parseEditionKey = (key: string) => JSON.parse(key) as [ruleSet: string, edition: string];

/** Every checklist's editions but drafts, grouped by checklist, for a select. */
export const editionOptions = (ruleSets: RuleSet[] | null) =>
  (ruleSets ?? []).map((r) => ({
    group: r.name,
    items: (r.editions ?? []).filter((x) => x.status !== 'draft').map((x) => ({ value: editionKey(r.code, x.label), label: `${r.name} ${x.label}` })),
  }));

/** Whether the rule set of an edition's key is a サンプル. */
export const isSampleEdition = (ruleSets: RuleSet[] | null, key: string | null) => Boolean(key && ruleSets?.find((r) => r.code === parseEditionKey(key)[0])?.sample);
