/**
 * A column mapping for checklist workbooks that are not in FISC's layout (the secretariat's editors):
 * a sample workbook looked into, the header row and each field's column picked from its headers, a
 * default category where the layout has none, tried on the sample — the items an import would read,
 * 関連規定 resolved to the catalog's rule sets, or every problem at its cell — and saved under a name.
 */
import { Alert, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { fmt, FormError, useSend, type Dict } from './assessment/common';
import { ColumnSelects, SampleWorkbookPicker, TryStep, useSampleWorkbook } from './workbook-mapping';

const FIELDS = ['number', 'category', 'text', 'subjectParty', 'references', 'referenceCodes', 'remarks', 'objective', 'guidance', 'appliesTo'] as const;
type Field = (typeof FIELDS)[number];

interface Trial {
  sheet: string;
  title: string | null;
  headerRow: number;
  total: number;
  items: { number: number; category: string; text: string | null; references: string; referenceCodes: string }[];
}

const fieldLabel = (t: Dict, f: Field) => t[`catMapField_${f}` as keyof Dict];

export function ChecklistMappingForm({ onSaved }: { onSaved: (name: string) => void }) {
  const { t } = useI18n();
  const [columns, setColumns] = useState<Partial<Record<Field, string>>>({});
  const [defaultCategory, setDefaultCategory] = useState('');
  const [name, setName] = useState('');
  const [trial, setTrial] = useState<Trial | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const sample = useSampleWorkbook('/api/checklist-workbooks/inspect', () => {
    setColumns({});
    setTrial(null);
    setSaved(null);
  });
  const trying = useSend();
  const saving = useSend();
  const mapping = () => {
    const cols: Partial<Record<Field, string>> = {};
    for (const f of FIELDS) if (columns[f]) cols[f] = columns[f];
    return {
      ...(sample.sheetName ? { sheet: sample.sheetName } : {}),
      ...(sample.headerRow ? { headerRow: Number(sample.headerRow) } : {}),
      columns: cols,
      ...(defaultCategory.trim() ? { defaultCategory: defaultCategory.trim() } : {}),
    };
  };
  const tryIt = () =>
    void trying.send(async () => {
      setTrial(null);
      setTrial(await sample.tryOn<Trial>('/api/checklist-workbooks/try', mapping()));
    });
  const save = () =>
    void saving.send(async () => {
      setSaved(null);
      const r = await api<{ name: string }>('POST', '/api/column-mappings', { kind: 'checklistWorkbook', name: name.trim(), mapping: mapping() });
      setSaved(r.name);
      onSaved(r.name);
    });
  const shown = (prefix: string) => (p: string) => p.startsWith(`${prefix}/columns/`) || p === `${prefix}/headerRow`;
  return (
    <Paper withBorder p="md" component="section" aria-label={t.catMapTitle}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t.catMapTitle}
        </Title>
        <Text size="sm" c="dimmed">
          {t.catMapIntro}
        </Text>
        <SampleWorkbookPicker sample={sample} errors={{ headerRow: trying.errors['/mapping/headerRow'] ?? saving.errors['/mapping/headerRow'] }} />
        {sample.header && (
          <>
            <ColumnSelects
              sample={sample}
              fields={FIELDS}
              labelOf={(f) => fieldLabel(t, f)}
              columns={columns}
              onChange={(c) => {
                setColumns(c);
                setTrial(null);
              }}
              errorOf={(f) => trying.errors[`/mapping/columns/${f}`] ?? saving.errors[`/mapping/columns/${f}`]}
            />
            <TextInput label={t.catMapDefaultCategory} value={defaultCategory} onChange={(e) => setDefaultCategory(e.currentTarget.value)} w={320} />
            <TryStep onTry={tryIt} busy={trying.busy} />
            <FormError error={trying.error} fields={shown('/mapping')} testId="mapping-trial-errors" />
            {trial && (
              <Stack gap="xs" data-testid="mapping-trial">
                <Text size="sm" fw={700}>
                  {fmt(t.catMapTrial, { sheet: trial.sheet, row: trial.headerRow, n: trial.total })}
                </Text>
                {trial.title && <Text size="sm">{fmt(t.catMapTrialTitle, { title: trial.title })}</Text>}
                <Table.ScrollContainer minWidth={600}>
                  <Table striped fz="sm" aria-label={t.ly_try}>
                    <Table.Thead>
                      <Table.Tr>
                        {(['number', 'category', 'text', 'references', 'referenceCodes'] as const).map((f) => (
                          <Table.Th key={f}>{fieldLabel(t, f).replace(/（.*）|\s*\(.*\)/, '')}</Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {trial.items.slice(0, 50).map((i) => (
                        <Table.Tr key={i.number}>
                          <Table.Td>{i.number}</Table.Td>
                          <Table.Td>{i.category}</Table.Td>
                          <Table.Td>{i.text ?? ''}</Table.Td>
                          <Table.Td className="pre">{i.references}</Table.Td>
                          <Table.Td className="pre">{i.referenceCodes}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Stack>
            )}
            <Group align="end">
              <TextInput label={t.catMapName} value={name} onChange={(e) => setName(e.currentTarget.value)} error={saving.errors['/name']} w={320} />
              <Button onClick={save} loading={saving.busy}>
                {t.catMapSave}
              </Button>
            </Group>
            <FormError error={saving.error} fields={(p) => p === '/name' || shown('/mapping')(p)} />
            {saved && (
              <Alert color="green" role="status">
                {fmt(t.catMapSaved, { name: saved })}
              </Alert>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
