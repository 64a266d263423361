/** Yearly review cycles and their policy documents (対応方針). */
import { Badge, Button, Group, Loader, Stack, Table, Title } from '@mantine/core';
import { enc } from '../api';
import { formatDate, useI18n } from '../i18n';
import { useApi } from '../useApi';

export function ReviewsPage() {
  const { t, lang } = useI18n();
  const { data } = useApi<{ id: string; checklist: string; fiscalYear: number; version: number; state: string; documentDate: string | null }[]>('/api/review-cycles');
  if (!data) return <Loader />;
  return (
    <Stack>
      <Title order={2}>{t.reviews}</Title>
      <Table striped data-testid="reviews">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.fiscalYear}</Table.Th>
            <Table.Th>{t.status}</Table.Th>
            <Table.Th>{t.published}</Table.Th>
            <Table.Th>{t.policyDocument}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                {c.fiscalYear}
                {lang === 'ja' ? '年度' : ''}
                {c.version > 1 ? ` (v${c.version})` : ''}
              </Table.Td>
              <Table.Td>
                <Badge variant="light">{c.state}</Badge>
              </Table.Td>
              <Table.Td>{formatDate(c.documentDate, lang)}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  {(['pdf', 'html', 'markdown'] as const).map((f) => (
                    <Button key={f} component="a" size="compact-sm" variant="default" href={`/api/review-cycles/${enc(c.checklist)}/${c.fiscalYear}?format=${f}&version=${c.version}`} target={f === 'html' ? '_blank' : undefined}>
                      {f === 'markdown' ? 'Markdown' : f.toUpperCase()}
                    </Button>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
