/**
 * 確認シート (bank): the list; the form that tailors a checklist edition (which items, with a reason
 * for each exclusion; the bank's own labels and order; API-type restrictions; the answer scheme; the
 * hearing questions), showing the server's problems at the row and field they name; and a template's
 * view, with what a newer edition of its checklist adds, changes or removes and the carry-over.
 */
import { ActionIcon, Alert, Anchor, Badge, Button, Checkbox, Group, Loader, Paper, Radio, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, enc } from '../../../api';
import { formatDate, useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import { editionOptions, isSampleEdition, parseEditionKey, useChecklistEditions } from './editions';
import {
  ACCESS_TYPES,
  API_TYPES,
  accessLabel,
  apiTypeLabel,
  apiTypeShort,
  changeLabel,
  ChecklistName,
  enumLabel,
  Failed,
  fmt,
  FormError,
  inParens,
  japanDate,
  joinWords,
  Listing,
  SampleBadge,
  SCHEMES,
  schemeLabel,
  useSend,
  type Access,
  type ApiType,
  type HearingQuestion,
  type ItemChangeKind,
  type Scheme,
} from '../common';

export interface TemplateRow {
  id: string;
  name: string;
  checklist: { ruleSet: string; ruleSetName: string; edition: string };
  answerScheme: Scheme;
  apiTypes: ApiType[];
  accessTypes: Access[];
  status: 'active' | 'archived';
  includedCount: number;
  basedOnTemplateId: string | null;
  createdAt: string;
}

interface TemplateView {
  id: string;
  name: string;
  checklist: { ruleSet: string; ruleSetName: string; edition: string; sample: boolean };
  answerScheme: Scheme;
  apiTypes: ApiType[];
  accessTypes: Access[];
  status: 'active' | 'archived';
  hearingQuestions: HearingQuestion[];
  basedOnTemplateId: string | null;
  items: { number: number; label: string; included: boolean; exclusionReason: string | null; apiTypes: ApiType[] | null; accessTypes: Access[] | null; category: string | null; text: string | null; objective: string | null }[];
  newerEdition: { label: string; changes: { number: number; change: ItemChangeKind; fields: string[] }[] } | null;
}

interface ChecklistItem {
  number: number;
  category: string;
  text: string | null;
  objective: string | null;
  appliesTo: ApiType[] | null;
}

export function TemplatesPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const list = useApi<TemplateRow[]>('/api/assessment-templates');
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t.as_templates}</Title>
        {can('assessment.manage') && (
          <Button component={Link} to="/assessment/templates/new">
            {t.as_newTemplate}
          </Button>
        )}
      </Group>
      <Listing rows={list.data} error={list.error} none={t.as_noTemplates}>
        {(rows) => (
          <Table.ScrollContainer minWidth={760}>
            <Table striped data-testid="templates">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.as_templateName}</Table.Th>
                  <Table.Th>{t.as_checklistEdition}</Table.Th>
                  <Table.Th>{t.as_apiTypes}</Table.Th>
                  <Table.Th>{t.as_answerScheme}</Table.Th>
                  <Table.Th ta="right">{t.as_include}</Table.Th>
                  <Table.Th>{t.as_status}</Table.Th>
                  <Table.Th>{t.as_createdOn}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/assessment/templates/${r.id}`}>
                        {r.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {r.checklist.ruleSetName} {r.checklist.edition}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{joinWords(lang, r.apiTypes.map((x) => apiTypeShort(t, x)))}</Table.Td>
                    <Table.Td>{schemeLabel(t, r.answerScheme)}</Table.Td>
                    <Table.Td ta="right">{r.includedCount}</Table.Td>
                    <Table.Td>
                      <Badge miw="fit-content" variant="light" color={r.status === 'active' ? 'indigo' : 'gray'}>
                        {enumLabel(t, 'as_templateStatus', r.status)}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(japanDate(r.createdAt), lang)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Listing>
    </Stack>
  );
}

// Creating a template ----------------------------------------------------------------------------

type Restriction = 'default' | 'all' | 'read' | 'write';
interface Row {
  number: number;
  category: string;
  text: string | null;
  appliesTo: ApiType[] | null;
  included: boolean;
  reason: string;
  label: string;
  restrict: Restriction;
}
interface QuestionRow {
  key: string;
  label: string;
  kind: 'text' | 'choice';
  choices: string;
  required: boolean;
}

/** Only a bank's editors tailor templates; anyone else reaching the address is told so, not shown a form that would fail. */
export function NewTemplatePage() {
  const { t } = useI18n();
  const { can } = useSession();
  if (!can('assessment.manage')) {
    return (
      <Alert color="gray" role="status">
        {t.as_templateManageOnly}
      </Alert>
    );
  }
  return <NewTemplateForm />;
}

function NewTemplateForm() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const editions = useChecklistEditions();
  const [name, setName] = useState('');
  const [edition, setEdition] = useState<string | null>(null);
  const [scheme, setScheme] = useState<Scheme>('yes_no');
  const [apiTypes, setApiTypes] = useState<string[]>(['read']);
  const [accessTypes, setAccessTypes] = useState<string[]>(['private']);
  const [prefix, setPrefix] = useState('Sec-');
  const [rows, setRows] = useState<Row[] | null>(null);
  // The hearing questions start as the server's defaults, for the bank to edit.
  const defaults = useApi<{ hearingQuestions: HearingQuestion[] }>('/api/assessment-templates/defaults');
  const [questions, setQuestions] = useState<QuestionRow[] | null>(null);
  useEffect(() => {
    if (defaults.data) setQuestions((qs) => qs ?? defaults.data!.hearingQuestions.map((q) => ({ key: q.key, label: q.label, kind: q.kind, choices: (q.choices ?? []).join('、'), required: q.required })));
  }, [defaults.data]);
  const { error, errors, busy, onSubmit, setError } = useSend();
  const [ruleSet, editionLabel] = edition ? parseEditionKey(edition) : [null, null];
  const chosenRuleSet = editions.data?.find((r) => r.code === ruleSet);

  useEffect(() => {
    setRows(null);
    if (!ruleSet || !editionLabel) return;
    api<ChecklistItem[]>('GET', `/api/rule-sets/${enc(ruleSet)}/editions/${enc(editionLabel)}/items`)
      .then((items) => setRows(items.map((i) => ({ number: i.number, category: i.category, text: i.text, appliesTo: i.appliesTo, included: true, reason: '', label: '', restrict: 'default' }))))
      .catch(setError);
  }, [ruleSet, editionLabel]);

  /** Whether the checklist applies an item to any API type this template serves. */
  const applies = (r: Row) => !r.appliesTo || r.appliesTo.some((x) => apiTypes.includes(x));
  // The labels the server will give items left without one: the prefix and a running number.
  let n = 0;
  const autoLabels = (rows ?? []).map((r) => (r.label.trim() ? r.label.trim() : r.included && applies(r) && prefix ? `${prefix}${++n}` : String(r.number)));
  const update = (i: number, patch: Partial<Row>) => setRows((rs) => rs!.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: -1 | 1) =>
    setRows((rs) => {
      const next = [...rs!];
      const [r] = next.splice(i, 1);
      next.splice(i + by, 0, r!);
      return next;
    });
  const updateQ = (i: number, patch: Partial<QuestionRow>) => setQuestions((qs) => qs!.map((q, j) => (j === i ? { ...q, ...patch } : q)));

  const submit = onSubmit(async () => {
    const created = await api<{ id: string }>('POST', '/api/assessment-templates', {
      name,
      checklist: { ruleSet: ruleSet ?? '', edition: editionLabel ?? '' },
      answerScheme: scheme,
      apiTypes,
      accessTypes,
      labelPrefix: prefix.trim() || null,
      // Every row, in the order shown: a problem at /items/<i>/… names the i-th row.
      items: (rows ?? []).map((r, position) => ({
        number: r.number,
        included: r.included,
        exclusionReason: r.included ? null : r.reason.trim() || null,
        ...(r.label.trim() ? { label: r.label.trim() } : {}),
        position,
        ...(r.restrict === 'default' || apiTypes.length < 2 ? {} : { apiTypes: r.restrict === 'all' ? null : [r.restrict] }),
      })),
      // Not loaded yet: the server gives a template the same defaults.
      ...(questions
        ? {
            hearingQuestions: questions.map((q) => ({
              key: q.key.trim(),
              label: q.label,
              kind: q.kind,
              ...(q.kind === 'choice' ? { choices: q.choices.split(/[、,]/).map((x) => x.trim()).filter(Boolean) } : {}),
              required: q.required,
            })),
          }
        : {}),
    });
    navigate(`/assessment/templates/${created.id}`);
  });

  // Problems of rows are repeated in the head (they name the item): with 60 items the row may be far below.
  const shownAtField = (p: string) => ['/name', '/checklist', '/checklist/ruleSet', '/checklist/edition', '/answerScheme', '/apiTypes', '/accessTypes', '/labelPrefix', '/items'].includes(p);
  const rowErrors = (i: number) => Object.entries(errors).filter(([p]) => p.startsWith(`/items/${i}/`) && p !== `/items/${i}/exclusionReason`).map(([, m]) => m).join(' ');
  const qError = (i: number, f: string) => errors[`/hearingQuestions/${i}/${f}`];
  const both = apiTypes.length > 1;

  return (
    <Stack component="form" onSubmit={submit} aria-label={t.as_newTemplate}>
      <Title order={2}>{t.as_newTemplate}</Title>
      <Failed error={editions.error} />
      <FormError error={error} fields={shownAtField} testId="template-errors" />
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput label={t.as_templateName} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors['/name']} />
          <Select
            label={t.as_checklistEdition}
            placeholder={t.as_editionPlaceholder}
            data={editionOptions(editions.data)}
            value={edition}
            onChange={setEdition}
            allowDeselect={false}
            renderOption={({ option }) => (
              <Group gap={6} wrap="nowrap">
                <span>{option.label}</span>
                <SampleBadge sample={isSampleEdition(editions.data, option.value)} />
              </Group>
            )}
            error={errors['/checklist'] ?? errors['/checklist/ruleSet'] ?? errors['/checklist/edition']}
            description={chosenRuleSet?.sample ? t.as_sampleNote : undefined}
            rightSection={chosenRuleSet?.sample ? <SampleBadge sample /> : undefined}
            rightSectionWidth={chosenRuleSet?.sample ? 72 : undefined}
          />
          <Radio.Group label={t.as_answerScheme} value={scheme} onChange={(v) => setScheme(v as Scheme)} error={errors['/answerScheme']}>
            <Stack gap={4} mt={4}>
              {SCHEMES.map((s) => (
                <Radio key={s} value={s} label={schemeLabel(t, s)} />
              ))}
            </Stack>
          </Radio.Group>
          <Stack gap="xs">
            <Checkbox.Group label={t.as_apiTypes} value={apiTypes} onChange={setApiTypes} error={errors['/apiTypes']}>
              <Group mt={4}>
                {API_TYPES.map((x) => (
                  <Checkbox key={x} value={x} label={apiTypeLabel(t, x)} />
                ))}
              </Group>
            </Checkbox.Group>
            <Checkbox.Group label={t.as_accessTypes} value={accessTypes} onChange={setAccessTypes} error={errors['/accessTypes']}>
              <Group mt={4}>
                {ACCESS_TYPES.map((x) => (
                  <Checkbox key={x} value={x} label={accessLabel(t, x)} />
                ))}
              </Group>
            </Checkbox.Group>
          </Stack>
          <TextInput label={t.as_labelPrefix} description={t.as_labelPrefixHelp} value={prefix} onChange={(e) => setPrefix(e.currentTarget.value)} error={errors['/labelPrefix']} maw={320} />
        </SimpleGrid>
      </Paper>

      {edition && (
        <Paper withBorder p="md" component="section" aria-label={t.as_itemsToTailor}>
          <Title order={3} size="h5">
            {t.as_itemsToTailor}
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            {t.as_itemsToTailorHelp}
          </Text>
          {errors['/items'] && (
            <Text c="red" size="sm" role="alert">
              {errors['/items']}
            </Text>
          )}
          {!rows ? (
            <Loader />
          ) : (
            <Table.ScrollContainer minWidth={both ? 760 : 600}>
              <Table data-testid="template-items" verticalSpacing={6}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={48}>{t.as_include}</Table.Th>
                    <Table.Th w={64}>
                      {t.as_no}
                      <Text span size="xs" c="dimmed" display="block">
                        {t.as_order}
                      </Text>
                    </Table.Th>
                    <Table.Th>
                      {t.as_question}
                      <Text span size="xs" c="dimmed" display="block">
                        {t.as_exclusionReason}
                      </Text>
                    </Table.Th>
                    <Table.Th w={120}>{t.as_ownLabel}</Table.Th>
                    {both && <Table.Th w={160}>{t.as_apiRestriction}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r, i) => {
                    const ok = applies(r);
                    const rowError = rowErrors(i);
                    return (
                      <Table.Tr key={r.number} data-number={r.number} bg={!ok || !r.included ? 'var(--mantine-color-gray-0)' : undefined}>
                        <Table.Td>
                          <Checkbox aria-label={fmt(t.as_includeItem, { n: r.number })} checked={ok && r.included} disabled={!ok} onChange={(e) => update(i, { included: e.currentTarget.checked })} />
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{r.number}</Text>
                          <Group gap={0} wrap="nowrap">
                            <ActionIcon variant="subtle" size="sm" aria-label={fmt(t.as_moveUp, { n: r.number })} disabled={i === 0} onClick={() => move(i, -1)}>
                              ↑
                            </ActionIcon>
                            <ActionIcon variant="subtle" size="sm" aria-label={fmt(t.as_moveDown, { n: r.number })} disabled={i === rows.length - 1} onClick={() => move(i, 1)}>
                              ↓
                            </ActionIcon>
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs" c="dimmed">
                            {r.category}
                          </Text>
                          <Text size="sm">{r.text}</Text>
                          {!ok && (
                            <Text size="xs" c="orange.8">
                              {fmt(t.as_notApplicable, { types: joinWords(lang, (r.appliesTo ?? []).map((x) => apiTypeShort(t, x))) })}
                            </Text>
                          )}
                          {ok && !r.included && (
                            <TextInput
                              size="xs"
                              mt={4}
                              label={t.as_exclusionReason}
                              aria-label={fmt(t.as_exclusionReasonOf, { n: r.number })}
                              value={r.reason}
                              onChange={(e) => update(i, { reason: e.currentTarget.value })}
                              error={errors[`/items/${i}/exclusionReason`]}
                            />
                          )}
                        </Table.Td>
                        <Table.Td>
                          {ok && r.included ? (
                            <TextInput
                              size="xs"
                              aria-label={fmt(t.as_ownLabelOf, { n: r.number })}
                              placeholder={autoLabels[i]}
                              value={r.label}
                              onChange={(e) => update(i, { label: e.currentTarget.value })}
                              error={rowError || undefined}
                            />
                          ) : (
                            <Text size="sm" c="dimmed">
                              —
                            </Text>
                          )}
                        </Table.Td>
                        {both && (
                          <Table.Td>
                            {ok && r.included ? (
                              <Select
                                size="xs"
                                aria-label={fmt(t.as_apiRestrictionOf, { n: r.number })}
                                data={(['default', 'all', 'read', 'write'] as const).map((x) => ({ value: x, label: enumLabel(t, 'as_restrict', x) }))}
                                value={r.restrict}
                                onChange={(v) => update(i, { restrict: (v ?? 'default') as Restriction })}
                                allowDeselect={false}
                              />
                            ) : null}
                          </Table.Td>
                        )}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      )}

      <Paper withBorder p="md" component="section" aria-label={t.as_hearing}>
        <Title order={3} size="h5">
          {t.as_hearing}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t.as_hearingHelp}
        </Text>
        {!questions ? (
          defaults.error ? <Failed error={defaults.error} /> : <Loader />
        ) : (
          <>
            <Table.ScrollContainer minWidth={640}>
              <Table data-testid="hearing-questions" verticalSpacing={6}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={130}>{t.as_hearingKey}</Table.Th>
                    <Table.Th>{t.as_hearingLabel}</Table.Th>
                    <Table.Th w={90}>{t.as_hearingKind}</Table.Th>
                    <Table.Th w={160}>{t.as_hearingChoices}</Table.Th>
                    <Table.Th w={48}>{t.as_required}</Table.Th>
                    <Table.Th w={40} aria-label={t.action} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {questions.map((q, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>
                        <TextInput size="xs" aria-label={fmt(t.as_hearingKeyOf, { n: i + 1 })} value={q.key} onChange={(e) => updateQ(i, { key: e.currentTarget.value })} error={qError(i, 'key')} />
                      </Table.Td>
                      <Table.Td>
                        <TextInput size="xs" aria-label={fmt(t.as_hearingLabelOf, { n: i + 1 })} value={q.label} onChange={(e) => updateQ(i, { label: e.currentTarget.value })} error={qError(i, 'label')} />
                      </Table.Td>
                      <Table.Td>
                        <Select
                          size="xs"
                          aria-label={fmt(t.as_hearingKindOf, { n: i + 1 })}
                          data={(['text', 'choice'] as const).map((x) => ({ value: x, label: enumLabel(t, 'as_hearingKind', x) }))}
                          value={q.kind}
                          onChange={(v) => updateQ(i, { kind: (v ?? 'text') as 'text' | 'choice' })}
                          allowDeselect={false}
                        />
                      </Table.Td>
                      <Table.Td>
                        {q.kind === 'choice' && <TextInput size="xs" aria-label={fmt(t.as_hearingChoicesOf, { n: i + 1 })} value={q.choices} onChange={(e) => updateQ(i, { choices: e.currentTarget.value })} error={qError(i, 'choices')} />}
                      </Table.Td>
                      <Table.Td>
                        <Checkbox aria-label={fmt(t.as_hearingRequiredOf, { n: i + 1 })} checked={q.required} onChange={(e) => updateQ(i, { required: e.currentTarget.checked })} />
                      </Table.Td>
                      <Table.Td>
                        <Button size="compact-xs" variant="subtle" color="red" aria-label={fmt(t.as_removeQuestion, { n: i + 1 })} onClick={() => setQuestions((qs) => qs!.filter((_x, j) => j !== i))}>
                          ×
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Button size="xs" variant="light" mt="xs" onClick={() => setQuestions((qs) => [...qs!, { key: '', label: '', kind: 'text', choices: '', required: false }])}>
              {t.as_addQuestion}
            </Button>
          </>
        )}
      </Paper>
      <Group>
        <Button type="submit" loading={busy}>
          {t.create}
        </Button>
        <Button component={Link} to="/assessment/templates" variant="default">
          {t.cancel}
        </Button>
      </Group>
    </Stack>
  );
}

// Viewing a template -----------------------------------------------------------------------------

const fieldLabel = (t: ReturnType<typeof useI18n>['t'], f: string) => enumLabel(t, 'as_field', f);

/** What a newer edition changes for this template, and the carry-over. */
function NewerEdition({ v, onUpgraded }: { v: TemplateView; onUpgraded: (id: string) => void }) {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const newer = v.newerEdition!;
  const newItems = useApi<ChecklistItem[]>(`/api/rule-sets/${enc(v.checklist.ruleSet)}/editions/${enc(newer.label)}/items`);
  const { error, busy, send } = useSend();
  const changes = newer.changes.filter((c) => c.change !== 'unchanged');
  const count = (k: ItemChangeKind) => changes.filter((c) => c.change === k).length;
  const mine = new Map(v.items.map((i) => [i.number, i]));
  const upgrade = () =>
    send(async () => {
      const r = await api<{ id: string }>('POST', `/api/assessment-templates/${v.id}/upgrade`, {});
      onUpgraded(r.id);
    });
  return (
    <Paper withBorder p="md" component="section" aria-label={fmt(t.as_newerEdition, { edition: newer.label })} bg="var(--mantine-color-yellow-0)">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {fmt(t.as_newerEdition, { edition: newer.label })}
        </Title>
        <Text size="sm">{fmt(t.as_newerEditionChanges, { added: count('added'), changed: count('changed'), removed: count('removed') })}</Text>
        <Table.ScrollContainer minWidth={640}>
          <Table data-testid="newer-edition-changes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={48}>{t.as_no}</Table.Th>
                <Table.Th w={110}>{t.as_ownLabel}</Table.Th>
                <Table.Th w={80}>{t.as_change}</Table.Th>
                <Table.Th w={140}>{t.as_changedFields}</Table.Th>
                <Table.Th>
                  {t.as_question}
                  {inParens(lang, newer.label)}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {changes.map((c) => {
                const it = mine.get(c.number);
                return (
                  <Table.Tr key={c.number}>
                    <Table.Td>{c.number}</Table.Td>
                    <Table.Td>{it ? (it.included ? it.label : t.as_excluded) : '—'}</Table.Td>
                    <Table.Td>
                      <Badge miw="fit-content" size="sm" color={c.change === 'added' ? 'green' : c.change === 'removed' ? 'red' : 'orange'} variant="light">
                        {changeLabel(t, c.change)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{joinWords(lang, c.fields.map((f) => fieldLabel(t, f)))}</Table.Td>
                    <Table.Td>
                      {c.change === 'removed' ? (it?.text ?? '—') : (newItems.data?.find((x) => x.number === c.number)?.text ?? '')}
                      {c.change === 'changed' && it?.text && (
                        <Text size="xs" c="dimmed" mt={2}>
                          {t.as_before}: {it.text}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {can('assessment.manage') && v.status === 'active' && (
          <>
            <Text size="sm">{t.as_upgradeHelp}</Text>
            <Failed error={error} />
            <Group>
              <Button onClick={() => void upgrade()} loading={busy}>
                {t.as_upgrade}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}

export function TemplatePage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: v, error } = useApi<TemplateView>(`/api/assessment-templates/${id}`);
  const upgraded = Boolean((location.state as { upgraded?: boolean } | null)?.upgraded);
  if (error) return <Failed error={error} />;
  if (!v || v.id !== id) return <Loader />;
  const included = v.items.filter((i) => i.included);
  return (
    <Stack>
      <Title order={2}>{v.name}</Title>
      {upgraded && (
        <Alert color="green" role="status">
          {t.as_upgraded}
        </Alert>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
          <Text size="sm">
            {t.as_checklistEdition}: <ChecklistName name={v.checklist.ruleSetName} edition={v.checklist.edition} sample={v.checklist.sample} />
          </Text>
          <Text size="sm">
            {t.as_answerScheme}: {schemeLabel(t, v.answerScheme)}
          </Text>
          <Text size="sm">
            {t.as_apiTypes}: {joinWords(lang, v.apiTypes.map((x) => apiTypeLabel(t, x)))}
          </Text>
          <Text size="sm">
            {t.as_accessTypes}: {joinWords(lang, v.accessTypes.map((x) => accessLabel(t, x)))}
          </Text>
          <Text size="sm">
            {t.as_status}:{' '}
            <Badge miw="fit-content" variant="light" color={v.status === 'active' ? 'indigo' : 'gray'}>
              {enumLabel(t, 'as_templateStatus', v.status)}
            </Badge>
          </Text>
          {v.basedOnTemplateId && (
            <Text size="sm">
              {t.as_basedOn}:{' '}
              <Anchor component={Link} to={`/assessment/templates/${v.basedOnTemplateId}`}>
                {t.as_open}
              </Anchor>
            </Text>
          )}
        </SimpleGrid>
      </Paper>
      {v.newerEdition && (
        <NewerEdition
          v={v}
          onUpgraded={(newId) => navigate(`/assessment/templates/${newId}`, { state: { upgraded: true } })}
        />
      )}
      <Paper withBorder p="md" component="section" aria-label={t.as_itemsToTailor}>
        <Title order={3} size="h5" mb="xs">
          {t.as_itemsToTailor}
          {inParens(lang, fmt(t.as_includedCount, { n: included.length }))}
        </Title>
        <Table.ScrollContainer minWidth={760}>
          <Table striped data-testid="template-view-items">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={100}>{t.as_ownLabel}</Table.Th>
                <Table.Th w={48}>{t.as_no}</Table.Th>
                <Table.Th>{t.as_question}</Table.Th>
                <Table.Th w={120}>{t.as_apiRestriction}</Table.Th>
                <Table.Th w={240}>{t.as_include}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {v.items.map((i) => (
                <Table.Tr key={i.number} data-number={i.number}>
                  <Table.Td>{i.included ? i.label : '—'}</Table.Td>
                  <Table.Td>{i.number}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {i.category}
                    </Text>
                    <Text size="sm">{i.text}</Text>
                  </Table.Td>
                  <Table.Td>{i.apiTypes ? joinWords(lang, i.apiTypes.map((x) => apiTypeShort(t, x))) : '—'}</Table.Td>
                  <Table.Td>
                    {i.included ? (
                      <Badge miw="fit-content" variant="light" color="indigo">
                        {t.as_included}
                      </Badge>
                    ) : (
                      <>
                        <Badge miw="fit-content" variant="outline" color="gray">
                          {t.as_excluded}
                        </Badge>
                        <Text size="xs" mt={2}>
                          {t.reason}: {i.exclusionReason}
                        </Text>
                      </>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Paper withBorder p="md" component="section" aria-label={t.as_hearing}>
        <Title order={3} size="h5" mb="xs">
          {t.as_hearing}
        </Title>
        <Table>
          <Table.Tbody>
            {v.hearingQuestions.map((q) => (
              <Table.Tr key={q.key}>
                <Table.Td>{q.label}</Table.Td>
                <Table.Td>
                  {enumLabel(t, 'as_hearingKind', q.kind)}
                  {q.choices?.length ? inParens(lang, joinWords(lang, q.choices)) : ''}
                </Table.Td>
                <Table.Td>{q.required ? t.as_required : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
