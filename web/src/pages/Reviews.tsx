/** Yearly review cycles and their policy documents (対応方針). */
import { Alert, Anchor, Badge, Button, Group, Loader, NumberInput, Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, errorText } from '../api';
import { useSession } from '../session';
import { formatDate, useI18n } from '../i18n';
import { useApi } from '../useApi';

export function ReviewsPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const [fy, setFy] = useState<number | string>(new Date().getMonth() >= 3 ? new Date().getFullYear() : new Date().getFullYear() - 1);
  const [error, setError] = useState<string | null>(null);
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
                <Anchor component={Link} to={`/reviews/${encodeURIComponent(c.checklist)}/${c.fiscalYear}?version=${c.version}`}>
                  {c.fiscalYear}
                  {lang === 'ja' ? '年度' : ''}
                  {c.version > 1 ? ` (v${c.version})` : ''}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Badge variant="light">{t[`state_${c.state}` as keyof typeof t]}</Badge>
              </Table.Td>
              <Table.Td>{formatDate(c.documentDate, lang)}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  {(['pdf', 'html', 'markdown'] as const).map((f) => (
                    <Button key={f} component="a" size="compact-sm" variant="default" href={`/api/review-cycles/${encodeURIComponent(c.checklist)}/${c.fiscalYear}?format=${f}&version=${c.version}`} target={f === 'html' ? '_blank' : undefined}>
                      {f === 'markdown' ? 'Markdown' : f.toUpperCase()}
                    </Button>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {can('review.manage') && (
        <Group align="end">
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <NumberInput label={t.fiscalYear} value={fy} onChange={setFy} min={2000} max={2100} />
          <Button
            onClick={async () => {
              try {
                await api('POST', '/api/review-cycles', { checklist: 'api-checklist', fiscalYear: Number(fy) });
                navigate(`/reviews/api-checklist/${Number(fy)}`);
              } catch (e) {
                setError(errorText(e, lang));
              }
            }}
          >
            {t.openCycle}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
