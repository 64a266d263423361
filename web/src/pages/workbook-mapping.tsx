/**
 * What the two column-mapping forms share (a bank's own answer sheet; a checklist workbook of another
 * layout): a sample workbook looked into on the server (its visible sheets and first rows, nothing
 * stored), the sheet and header row chosen, a grid of the first rows with the header row marked, and
 * each header cell offered as a column.
 */
import { Button, FileButton, Group, Select, SimpleGrid, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { enc, sendFile, XLSX_TYPE } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { fmt, FormError, useSend } from './assessment/common';

export interface SheetPreview {
  name: string;
  rowCount: number;
  rows: { row: number; cells: { column: string; text: string }[] }[];
}

/**
 * A sample workbook for a mapping: `inspectUrl` reads it (POST, the raw .xlsx); then the sheet (the
 * one with most filled rows first) and the header row are chosen. `onChange` is told whenever what the
 * columns are chosen from changes, so that the form can forget its columns and its trial.
 */
export function useSampleWorkbook(inspectUrl: string, onChange: () => void) {
  const { me } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [sheets, setSheets] = useState<SheetPreview[] | null>(null);
  const [sheetName, setSheetNameState] = useState<string | null>(null);
  const [headerRow, setHeaderRowState] = useState<string | null>(null);
  const inspect = useSend();
  const sheet = sheets?.find((s) => s.name === sheetName) ?? null;
  const header = sheet?.rows.find((r) => String(r.row) === headerRow) ?? null;
  const pick = (f: File | null, then?: (f: File) => void) => {
    if (!f) return;
    void inspect.send(async () => {
      const r = await sendFile<{ sheets: SheetPreview[] }>('POST', `${inspectUrl}?fileName=${enc(f.name)}`, f, XLSX_TYPE, me?.csrfToken ?? null);
      setFile(f);
      setSheets(r.sheets);
      // The sheet with the most filled rows is most likely the checklist.
      setSheetNameState([...r.sheets].sort((a, b) => b.rows.length - a.rows.length)[0]?.name ?? null);
      setHeaderRowState(null);
      onChange();
      then?.(f);
    });
  };
  const setSheetName = (v: string | null) => {
    setSheetNameState(v);
    setHeaderRowState(null);
    onChange();
  };
  const setHeaderRow = (v: string | null) => {
    setHeaderRowState(v);
    onChange();
  };
  /** Each header cell as a column: by its text (found even when it moves), by its letter where two read the same. */
  const options = useMemo(() => {
    const cells = header?.cells ?? [];
    return cells.map((c) => ({ value: cells.filter((x) => x.text === c.text).length > 1 ? c.column : c.text, text: c.text, column: c.column }));
  }, [header]);
  /** Sends the file to `url` (POST) with the mapping as JSON in its query string. */
  const tryOn = <T,>(url: string, mapping: unknown) => sendFile<T>('POST', `${url}?fileName=${enc(file!.name)}&mapping=${enc(JSON.stringify(mapping))}`, file!, XLSX_TYPE, me?.csrfToken ?? null);
  return { file, sheets, sheet, sheetName, setSheetName, header, headerRow, setHeaderRow, options, pick, inspect, tryOn };
}

export type SampleWorkbook = ReturnType<typeof useSampleWorkbook>;

/** Step 1 (choose the file) and the sheet and header-row choices with the grid, for either form. */
export function SampleWorkbookPicker({ sample, errors = {}, onFile }: { sample: SampleWorkbook; errors?: Record<string, string | undefined>; onFile?: (f: File) => void }) {
  const { t } = useI18n();
  return (
    <>
      <Text size="sm" fw={700}>
        {t.ly_step1}
      </Text>
      <Text size="sm" c="dimmed">
        {t.ly_step1Help}
      </Text>
      <Group>
        <FileButton onChange={(f) => sample.pick(f, onFile)} accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
          {(props) => (
            <Button {...props} variant="default" loading={sample.inspect.busy}>
              {t.ly_pickFile}
            </Button>
          )}
        </FileButton>
        {sample.file && <Text size="sm">{fmt(t.ly_file, { name: sample.file.name })}</Text>}
      </Group>
      <FormError error={sample.inspect.error} fields={[]} />
      {sample.sheets && (
        <>
          <Text size="sm" fw={700}>
            {t.ly_step2}
          </Text>
          <Text size="sm" c="dimmed">
            {t.ly_step2Help}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t.ly_sheet} data={sample.sheets.map((s) => s.name)} value={sample.sheetName} onChange={sample.setSheetName} allowDeselect={false} />
            <Select
              label={t.ly_headerRow}
              placeholder={t.ly_pickHeader}
              data={(sample.sheet?.rows ?? []).map((r) => ({ value: String(r.row), label: `${fmt(t.ly_rowN, { n: r.row })}: ${r.cells.map((c) => c.text).join(' / ')}`.slice(0, 120) }))}
              value={sample.headerRow}
              onChange={sample.setHeaderRow}
              error={errors.headerRow}
            />
          </SimpleGrid>
          {sample.sheet && <SheetGrid sheet={sample.sheet} headerRow={sample.header?.row ?? null} />}
        </>
      )}
    </>
  );
}

/** A select of the header row's cells for one field of a mapping ('' for none). */
export function ColumnSelect({ sample, label, value, onChange, error }: { sample: SampleWorkbook; label: string; value: string | undefined; onChange: (v: string | undefined) => void; error?: string | undefined }) {
  const { t } = useI18n();
  return (
    <Select
      label={label}
      data={[{ value: '', label: t.ly_noColumn }, ...sample.options.map((o) => ({ value: o.value, label: fmt(t.ly_columnOption, { column: o.column, text: o.text }) }))]}
      value={value ?? ''}
      onChange={(v) => onChange(v || undefined)}
      allowDeselect={false}
      error={error}
    />
  );
}

/** One column select per field of a mapping, from the header row's cells; a change forgets the last trial (`onChange`). */
export function ColumnSelects<F extends string>({
  sample,
  fields,
  labelOf,
  columns,
  onChange,
  errorOf,
}: {
  sample: SampleWorkbook;
  fields: readonly F[];
  labelOf: (f: F) => string;
  columns: Partial<Record<F, string>>;
  onChange: (columns: Partial<Record<F, string>>) => void;
  errorOf: (f: F) => string | undefined;
}) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
      {fields.map((f) => (
        <ColumnSelect key={f} sample={sample} label={labelOf(f)} value={columns[f]} onChange={(v) => onChange({ ...columns, [f]: v })} error={errorOf(f)} />
      ))}
    </SimpleGrid>
  );
}

/** Step 3's heading and the button that tries the mapping on the sample. */
export function TryStep({ onTry, busy }: { onTry: () => void; busy: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Text size="sm" fw={700}>
        {t.ly_step3}
      </Text>
      <Group>
        <Button variant="default" onClick={onTry} loading={busy}>
          {t.ly_try}
        </Button>
      </Group>
    </>
  );
}

/** The first rows of the chosen sheet, as a grid with row numbers and column letters; the header row marked. */
export function SheetGrid({ sheet, headerRow }: { sheet: SheetPreview; headerRow: number | null }) {
  const { t } = useI18n();
  const letters = useMemo(() => {
    const all = new Set(sheet.rows.flatMap((r) => r.cells.map((c) => c.column)));
    return [...all].sort((a, b) => a.length - b.length || a.localeCompare(b));
  }, [sheet]);
  return (
    <Table.ScrollContainer minWidth={600} maw="100%">
      <Table withTableBorder withColumnBorders fz="xs" aria-label={fmt(t.ly_preview, { sheet: sheet.name })} data-testid="layout-preview">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.ly_previewRow}</Table.Th>
            {letters.map((l) => (
              <Table.Th key={l}>{l}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sheet.rows.slice(0, 15).map((r) => (
            <Table.Tr key={r.row} bg={r.row === headerRow ? 'var(--mantine-color-blue-light)' : undefined} fw={r.row === headerRow ? 700 : undefined}>
              <Table.Td>{r.row}</Table.Td>
              {letters.map((l) => (
                <Table.Td key={l} style={{ maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {r.cells.find((c) => c.column === l)?.text ?? ''}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
