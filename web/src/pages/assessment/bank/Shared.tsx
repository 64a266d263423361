/**
 * 共有された回答 (bank): the connectors that consented to share their master answers with the bank,
 * and, for one of them and a checklist edition, those answers as they stand now (with the scope of
 * conditional answers, their version and evidence files).
 */
import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { api, enc } from '../../../api';
import { formatDate, formatDateTime, useI18n } from '../../../i18n';
import { useApi } from '../../../useApi';
import { AnswerView, apiTypeShort, EvidenceList, Failed, fmt, japanDate, Listing, SampleBadge, useSend, type Answer, type Scheme } from '../common';
import { editionOptions, isSampleEdition, parseEditionKey, useChecklistEditions } from './editions';

interface Share {
  id: string;
  bank: { id: string; name: string };
  connector: { id: string; name: string };
  grantedAt: string;
  revokedAt: string | null;
  active: boolean;
}

interface MasterAnswers {
  checklist: { ruleSet: string; ruleSetName: string; edition: string };
  items: {
    number: number;
    category: string;
    text: string | null;
    answers: (Answer & { scopeService: string; scopeApiType: '' | 'read' | 'write'; needsReanswer: boolean; version: number; updatedAt: string })[];
  }[];
}

/** An answer holds a choice or self-assessment text: the scheme is read from what is filled in. */
const schemeOf = (a: Answer): Scheme => (a.choice ? 'yes_no' : a.currentState || a.issues || a.improvementPlan ? 'self_assessment' : 'yes_no');

export function SharedAnswersPage() {
  const { t, lang } = useI18n();
  const shares = useApi<Share[]>('/api/answer-shares');
  const editions = useChecklistEditions();
  const [connectorId, setConnectorId] = useState<string | null>(null);
  const [edition, setEdition] = useState<string | null>(null);
  const [answers, setAnswers] = useState<MasterAnswers | null>(null);
  const { error, busy, onSubmit } = useSend();
  const active = (shares.data ?? []).filter((s) => s.active);
  const show = onSubmit(async () => {
    if (!connectorId || !edition) return;
    const [ruleSet, label] = parseEditionKey(edition);
    try {
      setAnswers(await api<MasterAnswers>('GET', `/api/master-answers?ruleSet=${enc(ruleSet)}&edition=${enc(label)}&connectorId=${enc(connectorId)}`));
    } catch (err) {
      setAnswers(null);
      throw err;
    }
  });
  const chosen = active.find((s) => s.connector.id === connectorId);
  const sample = isSampleEdition(editions.data, edition);
  const answered = answers?.items.filter((i) => i.answers.length > 0) ?? [];
  return (
    <Stack>
      <Title order={2}>{t.as_shared}</Title>
      <Text size="sm">{t.as_sharedNote}</Text>
      <Failed error={shares.error} />
      <Paper withBorder p="md" component="section" aria-label={t.as_sharedBy}>
        <Title order={3} size="h5" mb="xs">
          {t.as_sharedBy}
        </Title>
        <Listing rows={shares.data} small none={t.as_noShares}>
          {(rows) => (
            <Table data-testid="shares">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.as_connector}</Table.Th>
                  <Table.Th>{t.as_grantedAt}</Table.Th>
                  <Table.Th>{t.as_revokedAt}</Table.Th>
                  <Table.Th>{t.as_status}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{s.connector.name}</Table.Td>
                    <Table.Td>{formatDateTime(s.grantedAt, lang)}</Table.Td>
                    <Table.Td>{s.revokedAt ? formatDateTime(s.revokedAt, lang) : '—'}</Table.Td>
                    <Table.Td>
                      <Badge miw="fit-content" color={s.active ? 'green' : 'gray'} variant="light">
                        {s.active ? t.as_shareActive : t.as_shareRevoked}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Listing>
      </Paper>
      {active.length > 0 && (
        <Paper withBorder p="md" component="form" onSubmit={show} aria-label={t.as_showAnswers}>
          <Group align="end" wrap="wrap">
            <Select label={t.as_connector} data={active.map((s) => ({ value: s.connector.id, label: s.connector.name }))} value={connectorId} onChange={setConnectorId} miw={240} />
            <Select
              label={t.as_checklistEdition}
              data={editionOptions(editions.data)}
              value={edition}
              onChange={setEdition}
              miw={300}
            />
            <Button type="submit" loading={busy} disabled={!connectorId || !edition}>
              {t.as_showAnswers}
            </Button>
          </Group>
        </Paper>
      )}
      <Failed error={error ?? editions.error} />
      {answers && (
        <Paper withBorder p="md" component="section" aria-label={fmt(t.as_masterAnswersOf, { connector: chosen?.connector.name ?? '' })}>
          <Group gap="xs" mb="xs">
            <Title order={3} size="h5">
              {fmt(t.as_masterAnswersOf, { connector: chosen?.connector.name ?? '' })}
            </Title>
            <Text size="sm">
              {answers.checklist.ruleSetName} {answers.checklist.edition}
            </Text>
            <SampleBadge sample={sample} />
          </Group>
          {answered.length === 0 ? (
            <Alert color="gray">{t.as_noMasterAnswers}</Alert>
          ) : (
            <Table.ScrollContainer minWidth={820}>
              <Table striped data-testid="master-answers" verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={48}>{t.as_no}</Table.Th>
                    <Table.Th w="34%">{t.as_question}</Table.Th>
                    <Table.Th>{t.as_answer}</Table.Th>
                    <Table.Th w={200}>{t.as_evidenceFiles}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {answered.flatMap((i) =>
                    i.answers.map((a, n) => (
                      <Table.Tr key={`${i.number}-${n}`} style={{ verticalAlign: 'top' }}>
                        <Table.Td>{i.number}</Table.Td>
                        <Table.Td>
                          <Text size="xs" c="dimmed">
                            {i.category}
                          </Text>
                          <Text size="sm">{i.text}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4} mb={4}>
                            <Badge miw="fit-content" size="xs" variant="outline" color="gray">
                              {t.as_scope}: {a.scopeService || a.scopeApiType ? [a.scopeService, a.scopeApiType ? apiTypeShort(t, a.scopeApiType) : ''].filter(Boolean).join(' / ') : t.as_scopeAll}
                            </Badge>
                            {a.needsReanswer && (
                              <Badge miw="fit-content" size="xs" color="orange">
                                {t.as_needsReanswer}
                              </Badge>
                            )}
                            <Text size="xs" c="dimmed">
                              v{a.version} ・ {t.as_updatedAt} {formatDate(japanDate(a.updatedAt), lang)}
                            </Text>
                          </Group>
                          <AnswerView scheme={schemeOf(a)} answer={a} />
                        </Table.Td>
                        <Table.Td>
                          <EvidenceList files={a.evidence} />
                        </Table.Td>
                      </Table.Tr>
                    )),
                  )}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      )}
    </Stack>
  );
}
