/** Catalogs: rule sets → editions → provisions (searchable) and checklist items, both directions. */
import { Alert, Anchor, Badge, Breadcrumbs, Group, Loader, Paper, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, enc, errorText } from '../api';
import { EDITION_STATUS_LABELS, formatDate, RULE_SET_KIND_LABELS, useI18n } from '../i18n';
import { useApi } from '../useApi';

interface RuleSet {
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  publisher: string | null;
  editionCount?: number;
  editions?: { label: string; publishedOn: string | null; status: string; basedOn: string | null; source: string | null }[];
}
interface Provision {
  code: string;
  kind: string;
  title: string | null;
  text: string | null;
  textIsExcerpt: boolean;
  parent: string | null;
  citedBy?: { checklist: string; checklistName: string; edition: string; number: number; category: string; objective: string | null; subPart: string | null }[];
}
interface Item {
  number: number;
  category: string;
  objective: string | null;
  references: { ruleSet: string; ruleSetName: string; provision: string; subPart: string | null }[];
}

function Failed({ error }: { error: unknown }) {
  const { lang } = useI18n();
  return (
    <Alert color="red" role="alert" className="pre">
      {errorText(error, lang)}
    </Alert>
  );
}

export function CatalogPage() {
  const { t, lang } = useI18n();
  const { data, error } = useApi<RuleSet[]>('/api/rule-sets');
  return (
    <Stack>
      <Title order={2}>{t.ruleSets}</Title>
      {error ? <Failed error={error} /> : null}
      {!data ? (
        <Loader />
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.name}</Table.Th>
              <Table.Th>{t.type}</Table.Th>
              <Table.Th>{t.editions}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((r) => (
              <Table.Tr key={r.code}>
                <Table.Td>
                  <Anchor component={Link} to={`/catalog/${enc(r.code)}`}>
                    {r.shortName ?? r.name}
                  </Anchor>
                  {r.shortName && r.shortName !== r.name && (
                    <Text size="xs" c="dimmed">
                      {r.name}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{RULE_SET_KIND_LABELS[lang][r.kind] ?? r.kind}</Table.Td>
                <Table.Td>{r.editionCount}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function RuleSetPage() {
  const { ruleSet = '' } = useParams();
  const { t, lang } = useI18n();
  const { data, error } = useApi<RuleSet>(`/api/rule-sets/${enc(ruleSet)}`);
  if (error) return <Failed error={error} />;
  if (!data) return <Loader />;
  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/catalog">
          {t.catalog}
        </Anchor>
        <Text>{data.shortName ?? data.name}</Text>
      </Breadcrumbs>
      <Title order={2}>{data.name}</Title>
      {data.publisher && <Text c="dimmed">{data.publisher}</Text>}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.editions}</Table.Th>
            <Table.Th>{t.published}</Table.Th>
            <Table.Th>{t.status}</Table.Th>
            <Table.Th>{t.basedOn}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.editions!.map((e) => (
            <Table.Tr key={e.label}>
              <Table.Td>
                <Anchor component={Link} to={`/catalog/${enc(ruleSet)}/${enc(e.label)}`}>
                  {e.label}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatDate(e.publishedOn, lang)}</Table.Td>
              <Table.Td>
                <Badge variant="light">{EDITION_STATUS_LABELS[lang][e.status] ?? e.status}</Badge>
              </Table.Td>
              <Table.Td>{e.basedOn ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function EditionPage() {
  const { ruleSet = '', edition = '' } = useParams();
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const rs = useApi<RuleSet>(`/api/rule-sets/${enc(ruleSet)}`);
  const ed = useApi<{ label: string; publishedOn: string | null; source: string | null; partialRevisions: { revisedOn: string; body: string; summary: string }[] }>(
    `/api/rule-sets/${enc(ruleSet)}/editions/${enc(edition)}`,
  );
  const isChecklist = rs.data?.kind === 'checklist';
  const provisions = useApi<Provision[]>(isChecklist || !rs.data ? null : `/api/rule-sets/${enc(ruleSet)}/editions/${enc(edition)}/provisions${q.trim() ? `?q=${enc(q.trim())}` : ''}`);
  const items = useApi<Item[]>(isChecklist ? `/api/rule-sets/${enc(ruleSet)}/editions/${enc(edition)}/items` : null);
  if (rs.error || ed.error) return <Failed error={rs.error ?? ed.error} />;
  if (!rs.data || !ed.data) return <Loader />;
  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/catalog">
          {t.catalog}
        </Anchor>
        <Anchor component={Link} to={`/catalog/${enc(ruleSet)}`}>
          {rs.data.shortName ?? rs.data.name}
        </Anchor>
        <Text>{edition}</Text>
      </Breadcrumbs>
      <Title order={2}>
        {rs.data.shortName ?? rs.data.name} {edition}
      </Title>
      <Text c="dimmed" size="sm">
        {t.published}: {formatDate(ed.data.publishedOn, lang)}
        {ed.data.source ? `　${ed.data.source}` : ''}
      </Text>
      {ed.data.partialRevisions.length > 0 && (
        <Paper withBorder p="sm">
          <Text fw={700}>{t.partialRevisions}</Text>
          {ed.data.partialRevisions.map((p) => (
            <Text key={p.revisedOn + p.summary} size="sm">
              {formatDate(p.revisedOn, lang)}　{p.body}　{p.summary}
            </Text>
          ))}
        </Paper>
      )}
      {isChecklist ? (
        <Tabs defaultValue="items">
          <Tabs.List>
            <Tabs.Tab value="items">{t.items}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="items" pt="sm">
            {items.data ? (
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>No.</Table.Th>
                    <Table.Th>{t.category}</Table.Th>
                    <Table.Th>{t.objective}</Table.Th>
                    <Table.Th>{t.references}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.data.map((it) => (
                    <Table.Tr key={it.number}>
                      <Table.Td>{it.number}</Table.Td>
                      <Table.Td>{it.category}</Table.Td>
                      <Table.Td>{it.objective ?? '—'}</Table.Td>
                      <Table.Td>
                        <Group gap={6}>
                          {it.references.map((r) => (
                            <ReferenceLink key={`${r.ruleSet}${r.provision}${r.subPart ?? ''}`} ruleSet={r.ruleSet} ruleSetName={r.ruleSetName} code={r.provision} subPart={r.subPart} />
                          ))}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Loader />
            )}
          </Tabs.Panel>
        </Tabs>
      ) : (
        <Stack>
          <TextInput type="search" label={t.search} value={q} onChange={(e) => setQ(e.currentTarget.value)} placeholder="実 16 / サイバー" />
          {provisions.error ? <Failed error={provisions.error} /> : null}
          {provisions.data && (
            <Text size="sm" c="dimmed" role="status" aria-live="polite">
              {provisions.data.length ? `${provisions.data.length} ${t.searchResults}` : t.noProvisions}
            </Text>
          )}
          {provisions.data ? (
            <Table striped highlightOnHover data-testid="provisions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.code_}</Table.Th>
                  <Table.Th>{t.title}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {provisions.data.map((p) => (
                  <Table.Tr key={p.code}>
                    <Table.Td>
                      <Anchor component={Link} to={`/catalog/${enc(ruleSet)}/${enc(edition)}/provisions/${enc(p.code)}`}>
                        {p.code}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{p.title ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <Loader />
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** One request per rule set however many cross-references point into it. */
const ruleSetCache = new Map<string, Promise<RuleSet>>();
function useRuleSet(code: string): RuleSet | null {
  const [data, setData] = useState<RuleSet | null>(null);
  useEffect(() => {
    let live = true;
    let p = ruleSetCache.get(code);
    if (!p) {
      p = api<RuleSet>('GET', `/api/rule-sets/${enc(code)}`);
      ruleSetCache.set(code, p);
      p.catch(() => ruleSetCache.delete(code));
    }
    p.then((r) => live && setData(r)).catch(() => {});
    return () => {
      live = false;
    };
  }, [code]);
  return data;
}

/** A cross-reference: to the provision in the rule set's latest edition that has it. */
function ReferenceLink({ ruleSet, ruleSetName, code, subPart }: { ruleSet: string; ruleSetName: string; code: string; subPart: string | null }) {
  const data = useRuleSet(ruleSet);
  const latest = data?.editions?.[data.editions.length - 1]?.label;
  const label = `${code}${subPart ? ` ${subPart}` : ''}`;
  if (!latest) return <Badge variant="outline" title={ruleSetName}>{label}</Badge>;
  return (
    <Anchor component={Link} to={`/catalog/${enc(ruleSet)}/${enc(latest)}/provisions/${enc(code)}`} title={`${ruleSetName} ${latest} ${label}`}>
      <Badge variant="outline" style={{ cursor: 'pointer' }}>
        {label}
      </Badge>
    </Anchor>
  );
}

export function ProvisionPage() {
  const { ruleSet = '', edition = '', code = '' } = useParams();
  const { t } = useI18n();
  const { data, error } = useApi<Provision>(`/api/rule-sets/${enc(ruleSet)}/editions/${enc(edition)}/provisions/${enc(code)}`);
  const rs = useRuleSet(ruleSet);
  if (error) return <Failed error={error} />;
  if (!data) return <Loader />;
  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/catalog">
          {t.catalog}
        </Anchor>
        <Anchor component={Link} to={`/catalog/${enc(ruleSet)}`}>
          {rs ? (rs.shortName ?? rs.name) : ruleSet}
        </Anchor>
        <Anchor component={Link} to={`/catalog/${enc(ruleSet)}/${enc(edition)}`}>
          {edition}
        </Anchor>
        <Text>{data.code}</Text>
      </Breadcrumbs>
      <Title order={2}>
        {data.code} {data.title ?? ''}
      </Title>
      <Paper withBorder p="md">
        <Group gap="xs" mb="xs">
          <Text fw={700}>{t.text}</Text>
          {data.textIsExcerpt && <Badge color="yellow">{t.excerpt}</Badge>}
        </Group>
        <Text className="pre">{data.text ?? '—'}</Text>
      </Paper>
      <Title order={3} size="h4">
        {t.citedBy}
      </Title>
      {data.citedBy && data.citedBy.length ? (
        <Table data-testid="cited-by">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.checklist}</Table.Th>
              <Table.Th>{t.items}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.citedBy.map((c) => (
              <Table.Tr key={`${c.checklist}${c.edition}${c.number}${c.subPart ?? ''}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/catalog/${enc(c.checklist)}/${enc(c.edition)}`}>
                    {c.checklistName} {c.edition}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {c.number}. {c.category}
                  {c.objective ? ` ${c.objective}` : ''}
                  {c.subPart ? `（${c.subPart}）` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text c="dimmed">{t.noCitations}</Text>
      )}
    </Stack>
  );
}
