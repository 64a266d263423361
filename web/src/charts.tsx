/**
 * The dashboards' charts (the secretariat's and a bank's). Each has a heading; the drawing is an
 * image described in words, followed by the table of its figures, so the numbers read without it.
 */
import { Paper, Table, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { joinWords, useI18n } from './i18n';

/** A chart with its heading; the drawing is an image described in words, followed by its table. */
export function ChartCard({ title, alt, chart, table, empty, height = 240 }: { title: string; alt: string; chart: ReactNode; table: ReactNode; empty: boolean; height?: number }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h5" id={id} mb="xs">
        {title}
      </Title>
      {empty ? (
        <Text c="dimmed" size="sm">
          {t.noData}
        </Text>
      ) : (
        <>
          <div role="img" aria-label={alt} style={{ width: '100%', height }}>
            {chart}
          </div>
          {table}
        </>
      )}
    </Paper>
  );
}

/** "名前 3件, …" in Japanese, "name 3, …" in English: the words of a count chart. */
export function countsAlt(lang: 'ja' | 'en', rows: { name: string; count: number }[]): string {
  return joinWords(lang, rows.map((r) => `${r.name} ${r.count}${lang === 'ja' ? '件' : ''}`));
}

/** One bar per row for its count; `everyTick` names every bar (short names), else recharts thins them out. */
export function CountBars({ rows, everyTick = false }: { rows: { name: string; count: number }[]; everyTick?: boolean }) {
  const { t } = useI18n();
  return (
    <ResponsiveContainer>
      <BarChart data={rows} accessibilityLayer={false} margin={{ left: 0, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        {everyTick ? <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} /> : <XAxis dataKey="name" />}
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Bar dataKey="count" name={t.count} fill="#4c6ef5" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Counts by key as a bar chart and its table of names and counts. */
export function CountChart({ title, rows, testId, height }: { title: string; rows: { key: string; name: string; count: number }[]; testId: string; height?: number }) {
  const { lang } = useI18n();
  return (
    <ChartCard
      title={title}
      height={height}
      empty={rows.every((r) => r.count === 0)}
      alt={countsAlt(lang, rows)}
      chart={<CountBars rows={rows} everyTick />}
      table={
        <Table mt="xs" data-testid={testId}>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td ta="right">{r.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      }
    />
  );
}

/** One part of a stacked bar: the row's value at `key`, named and coloured. */
export interface Series {
  key: string;
  name: string;
  fill: string;
}

/** A row of a stacked chart: its name on the axis, its value per series, and (optionally) its total. */
export interface StackRow {
  id: string | number;
  name: string;
  values: Record<string, number>;
  total?: number;
}

/**
 * Stacked bars per row (incidents by severity per 年度, results per 年度), the series in the order
 * given (the legend keeps it, rather than sorting by name), and the table of the figures: the row's
 * name under `firstColumn`, a column per series, and the total when `totalColumn` is given.
 */
export function StackedChart({ title, alt, testId, firstColumn, totalColumn, stackId, series, rows, height }: { title: string; alt: string; testId: string; firstColumn: string; totalColumn?: string; stackId: string; series: Series[]; rows: StackRow[]; height?: number }) {
  const data = rows.map((r) => ({ name: r.name, ...r.values }));
  return (
    <ChartCard
      title={title}
      height={height}
      empty={!rows.length}
      alt={alt}
      chart={
        <ResponsiveContainer>
          <BarChart data={data} accessibilityLayer={false} margin={{ left: 0, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend itemSorter={null} />
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} stackId={stackId} name={s.name} fill={s.fill} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <Table mt="xs" data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{firstColumn}</Table.Th>
              {series.map((s) => (
                <Table.Th key={s.key} ta="right">
                  {s.name}
                </Table.Th>
              ))}
              {totalColumn && <Table.Th ta="right">{totalColumn}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.name}</Table.Td>
                {series.map((s) => (
                  <Table.Td key={s.key} ta="right">
                    {r.values[s.key]}
                  </Table.Td>
                ))}
                {totalColumn && <Table.Td ta="right">{r.total}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      }
    />
  );
}
