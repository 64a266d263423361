/**
 * 回答の食い違い (connector): the items of one checklist edition answered differently for different
 * banks in their latest submissions, side by side with the bank, service and API type of each (a
 * conditional answer for another service or API type may rightly differ).
 */
import { Anchor, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../../../i18n';
import { useApi } from '../../../useApi';
import { apiTypeLabel, Failed, fmt, type Answer } from '../common';
import { answerSummary } from './shared';

interface Disagreement {
  edition: string;
  number: number;
  text: string | null;
  answers: { requestId: string; bank: string; serviceName: string; apiType: string; label: string; answer: Answer }[];
}

export function DisagreementsPage() {
  const { t } = useI18n();
  const list = useApi<Disagreement[]>('/api/answer-disagreements');
  if (list.error && !list.data) return <Failed error={list.error} />;
  if (!list.data) return <Loader aria-label={t.loading} />;
  return (
    <Stack>
      <Title order={2}>{t.cxDisagreementsTitle}</Title>
      <Text size="sm" c="dimmed">
        {t.cxDisagreementsHelp}
      </Text>
      <Text role="status">{list.data.length ? fmt(t.cxDisagreementsCount, { n: list.data.length }) : t.cxNoDisagreements}</Text>
      {list.data.map((d) => (
        <Paper key={`${d.edition}|${d.number}`} withBorder p="md" component="article" aria-label={`${d.edition} No.${d.number}`} data-testid={`disagreement-${d.number}`}>
          <Title order={3} size="h5">
            {d.edition}　No.{d.number}
          </Title>
          {d.text && (
            <Text size="sm" mb="xs">
              {d.text}
            </Text>
          )}
          <Table.ScrollContainer minWidth={640}>
            <Table withTableBorder withColumnBorders>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.as_side_bank}</Table.Th>
                  <Table.Th>{t.cxService}</Table.Th>
                  <Table.Th>{t.as_apiType}</Table.Th>
                  <Table.Th>{t.as_ownLabel}</Table.Th>
                  <Table.Th>{t.as_answer}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.answers.map((a) => (
                  <Table.Tr key={`${a.requestId}`}>
                    <Table.Td>{a.bank}</Table.Td>
                    <Table.Td>{a.serviceName}</Table.Td>
                    <Table.Td>{apiTypeLabel(t, a.apiType, 'connector')}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/assessment/inbox/${a.requestId}#item-${d.number}`}>
                        {a.label}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{answerSummary(t, a.answer)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ))}
    </Stack>
  );
}
