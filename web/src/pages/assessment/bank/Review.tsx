/**
 * The review screen (bank): a request's items on the left with their verdicts and flags; for the
 * selected item, side by side, the question and the answer as submitted with its evidence files, and
 * the item's message thread; the verdict buttons and the remediation plan. Below: the result (the
 * suggested one, the proposal, approval or sending back by a second person), the hearing answers and
 * the submissions with their SHA-256. Also withdrawing the request, and its downloads.
 */
import { Alert, Anchor, Badge, Button, Code, Grid, Group, Loader, Modal, NavLink, Paper, Radio, ScrollArea, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../../api';
import { formatDate, formatDateTime, useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import {
  accessLabel,
  AnswerView,
  apiTypeLabel,
  ChecklistName,
  daysFromToday,
  FormError,
  EvidenceList,
  Failed,
  fmt,
  inParens,
  joinWords,
  MessageThread,
  planStateLabel,
  postItemMessage,
  RequestStateBadge,
  ResultBadge,
  RESULTS,
  resultLabel,
  useSend,
  VerdictBadge,
  verdictColor,
  verdictLabel,
  VERDICTS,
  type RequestItem,
  type RequestView,
  type Verdict,
} from '../common';

type Dict = ReturnType<typeof useI18n>['t'];

/** The flags of an item, in the order a reviewer weighs them. */
function itemFlags(t: Dict, v: RequestView, i: RequestItem): { key: string; text: string; color: string }[] {
  const out: { key: string; text: string; color: string }[] = [];
  if (i.changedInLatest) out.push({ key: 'changed', text: t.as_flagChanged, color: 'blue' });
  if (i.review?.stale) out.push({ key: 'stale', text: t.as_flagStale, color: 'orange' });
  if (v.newerEdition?.items.some((c) => c.number === i.number && c.change !== 'unchanged')) out.push({ key: 'newer', text: t.as_flagNewer, color: 'yellow' });
  if (i.change === 'changed') out.push({ key: 'previous', text: t.as_flagPrevious, color: 'grape' });
  if (i.change === 'added') out.push({ key: 'added', text: t.as_flagAdded, color: 'grape' });
  if (i.masterUpdated) out.push({ key: 'master', text: t.as_flagMaster, color: 'cyan' });
  if (i.review?.carried) out.push({ key: 'carried', text: t.as_flagCarried, color: 'gray' });
  return out;
}

function Flags({ flags }: { flags: ReturnType<typeof itemFlags> }) {
  if (!flags.length) return null;
  return (
    <Group gap={4} mt={2} data-testid="flags">
      {flags.map((f) => (
        <Badge miw="fit-content" key={f.key} size="xs" color={f.color} variant="light" style={{ textTransform: 'none', height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}>
          {f.text}
        </Badge>
      ))}
    </Group>
  );
}

const reviewable = (v: RequestView) => (v.state === 'submitted' || v.state === 'clarification') && v.submissions.length > 0;

function VerdictForm({ v, item, onSaved }: { v: RequestView; item: RequestItem; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const [condition, setCondition] = useState(item.review?.condition ?? '');
  const [done, setDone] = useState<string | null>(null);
  const { error, errors, send } = useSend();
  const judge = (verdict: Verdict) =>
    send(async () => {
      setDone(null);
      await api('PUT', `/api/assessment-requests/${v.id}/items/${item.number}/review`, { verdict, condition: condition.trim() || null });
      setDone(fmt(t.as_verdictSaved, { label: item.label, verdict: verdictLabel(t, verdict) }));
      onSaved();
    });
  return (
    <Stack gap="xs" component="section" aria-label={`${t.as_verdict}${inParens(lang, item.label)}`}>
      <Group gap="xs">
        <Title order={4} size="h6">
          {t.as_verdict}
        </Title>
        <VerdictBadge verdict={item.review?.verdict} />
        {item.review?.reviewedBy && (
          <Text size="xs" c="dimmed">
            {fmt(t.as_reviewedBy, { who: item.review.reviewedBy, when: formatDateTime(item.review.reviewedAt, lang) })}
          </Text>
        )}
      </Group>
      {item.review?.condition && (
        <Text size="sm" className="pre">
          {t.as_condition}: {item.review.condition}
        </Text>
      )}
      {item.previousReview && (
        <Text size="sm" c="dimmed" data-testid="previous-review">
          {t.as_previousReview}: {verdictLabel(t, item.previousReview.verdict)}
          {item.previousReview.condition ? inParens(lang, item.previousReview.condition) : ''}
        </Text>
      )}
      <FormError error={error} fields={['/condition']} />
      {done && (
        <Text size="sm" c="green" role="status">
          {done}
        </Text>
      )}
      <Textarea label={t.as_condition} description={t.as_conditionHelp} autosize minRows={2} value={condition} onChange={(e) => setCondition(e.currentTarget.value)} error={errors['/condition']} />
      <Group gap="xs">
        {VERDICTS.map((x) => (
          <Button key={x} size="xs" variant={item.review?.verdict === x ? 'filled' : 'light'} color={verdictColor(x)} onClick={() => void judge(x)}>
            {verdictLabel(t, x)}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}

function RemediationForm({ v, item, canPropose, onSaved }: { v: RequestView; item: RequestItem; canPropose: boolean; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const [description, setDescription] = useState('');
  const [dueDate, setDueDate] = useState(daysFromToday(90));
  const [done, setDone] = useState(false);
  const { error, errors, onSubmit } = useSend();
  const submit = onSubmit(async () => {
    setDone(false);
    await api('POST', `/api/assessment-requests/${v.id}/items/${item.number}/remediation`, { description, dueDate });
    setDescription('');
    setDone(true);
    onSaved();
  });
  return (
    <Stack gap="xs" component="section" aria-label={`${t.as_remediation}${inParens(lang, item.label)}`}>
      <Title order={4} size="h6">
        {t.as_remediation}
      </Title>
      {item.remediation.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.as_noRemediation}
        </Text>
      ) : (
        <Stack gap={4} data-testid="remediation">
          {item.remediation.map((p) => (
            <Paper key={p.id} withBorder p="xs">
              <Group gap="xs" justify="space-between" wrap="wrap">
                <Text size="sm">{p.description}</Text>
                <Badge miw="fit-content" size="sm" color={p.state === 'proposed' ? 'yellow' : p.state === 'accepted' ? 'blue' : 'green'} data-testid="plan-state">
                  {planStateLabel(t, p.state)}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {t.as_remediationDue}: {formatDate(p.dueDate, lang)}
                {p.acceptedAt ? ` ・ ${fmt(t.as_remediationAccepted, { when: formatDateTime(p.acceptedAt, lang) })}` : ''}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
      {canPropose && (
        <Stack gap={4} component="form" onSubmit={submit}>
          <FormError error={error} fields={['/description', '/dueDate']} />
          {done && (
            <Text size="sm" c="green" role="status">
              {t.as_remediationProposed}
            </Text>
          )}
          <Textarea label={t.as_remediationDescription} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors['/description']} />
          <Group align="end">
            <TextInput type="date" label={t.as_remediationDue} value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} error={errors['/dueDate']} />
            <Button type="submit" size="xs" variant="light">
              {t.as_proposeRemediation}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

function ItemPanel({ v, item, index, onChanged, go }: { v: RequestView; item: RequestItem; index: number; onChanged: () => void; go: (i: number) => void }) {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const flags = itemFlags(t, v, item);
  const canReview = can('assessment.review');
  const open = v.state !== 'decided' && v.state !== 'withdrawn';
  return (
    <Paper withBorder p="md" component="section" aria-label={`${item.label}${inParens(lang, `No.${item.number}`)}`} data-testid="item-panel">
      <Stack gap="sm">
        <Group justify="space-between" align="start" wrap="wrap">
          <div>
            <Title order={3} size="h4">
              {item.label}
              <Text span size="sm" c="dimmed" ml={8}>
                No.{item.number} {item.category}
              </Text>
            </Title>
            <Flags flags={flags} />
          </div>
          <Group gap="xs">
            <Button size="compact-sm" variant="default" disabled={index === 0} onClick={() => go(index - 1)}>
              {t.as_prevItem}
            </Button>
            <Button size="compact-sm" variant="default" disabled={index === v.items.length - 1} onClick={() => go(index + 1)}>
              {t.as_nextItem}
            </Button>
          </Group>
        </Group>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Stack gap="sm">
              <Paper bg="var(--mantine-color-gray-0)" p="sm" radius="sm" component="section" aria-label={t.as_question}>
                <Text size="xs" fw={700} c="dimmed">
                  {t.as_question}
                </Text>
                <Text size="sm" data-testid="question">
                  {item.text ?? '—'}
                </Text>
                {item.objective && (
                  <Text size="xs" c="dimmed" mt={4}>
                    {t.as_objective}: {item.objective}
                  </Text>
                )}
              </Paper>
              <section aria-label={t.as_answer}>
                <AnswerView scheme={v.answerScheme} answer={item.answer} />
              </section>
              {item.masterUpdated && (
                <Alert color="cyan" p="xs">
                  <Text size="xs">{t.as_masterNote}</Text>
                </Alert>
              )}
              <section aria-label={t.as_evidenceFiles}>
                <Text size="xs" fw={700} c="dimmed">
                  {t.as_evidenceFiles}
                </Text>
                <EvidenceList files={item.answer?.evidence ?? []} />
              </section>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <MessageThread
              label={item.label}
              messages={item.messages}
              send={can('assessment.message') && open ? async (body) => {
                await postItemMessage(v.id, item.number, body);
                onChanged();
              } : undefined}
            />
          </Grid.Col>
        </Grid>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 6 }}>
            {canReview && reviewable(v) ? (
              <VerdictForm key={item.number} v={v} item={item} onSaved={onChanged} />
            ) : (
              <Group gap="xs">
                <Text size="sm" fw={700}>
                  {t.as_verdict}
                </Text>
                <VerdictBadge verdict={item.review?.verdict} />
                {item.review?.condition && <Text size="sm">{item.review.condition}</Text>}
              </Group>
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <RemediationForm key={item.number} v={v} item={item} canPropose={canReview && open} onSaved={onChanged} />
          </Grid.Col>
        </Grid>
      </Stack>
    </Paper>
  );
}

function ResultPanel({ v, onChanged }: { v: RequestView; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const r = v.result;
  const [choice, setChoice] = useState<string>(r.suggested ?? '');
  const [comment, setComment] = useState('');
  const [decisionComment, setDecisionComment] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { error, errors, send, onSubmit } = useSend();
  const act = (fn: () => Promise<unknown>, text: string) => async () => {
    setDone(null);
    await fn();
    setDone(text);
    onChanged();
  };
  const propose = onSubmit(act(() => api('POST', `/api/assessment-requests/${v.id}/result`, { result: choice || null, comment: comment.trim() || null }), t.as_resultProposed));
  const decide = (approve: boolean) => void send(act(() => api('POST', `/api/assessment-requests/${v.id}/result/decision`, { approve, comment: decisionComment.trim() || null }), approve ? t.as_approved : t.as_sentBack));
  const reviewed = v.items.filter((i) => i.review && i.review.verdict !== 'clarification').length;
  const decided = v.state === 'decided';
  const proposed = !decided && r.proposedAt !== null;
  return (
    <Paper withBorder p="md" component="section" aria-label={t.as_resultPanel} data-testid="result-panel">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t.as_resultPanel}
        </Title>
        <Group gap="lg" wrap="wrap">
          <Text size="sm">{fmt(t.as_itemsReviewed, { n: reviewed, of: v.items.length })}</Text>
          <Group gap={6}>
            <Text size="sm">{t.as_suggested}:</Text>
            {r.suggested ? <ResultBadge result={r.suggested} /> : <Text size="sm" c="dimmed">{t.as_suggestedNone}</Text>}
          </Group>
        </Group>
        <FormError error={error} fields={['/comment']} />
        {done && (
          <Alert color="green" role="status">
            {done}
          </Alert>
        )}
        {(decided || proposed) && r.value && (
          <Paper withBorder p="sm" data-testid="result">
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={700}>
                {decided ? t.as_result : t.as_proposal}:
              </Text>
              <ResultBadge result={r.value} size="lg" />
              {proposed && (
                <Badge miw="fit-content" color="yellow" variant="outline">
                  {t.as_awaitingApproval}
                </Badge>
              )}
            </Group>
            {r.comment && (
              <Text size="sm" className="pre" mt={4}>
                {t.as_resultComment}: {r.comment}
              </Text>
            )}
            <Text size="xs" c="dimmed" mt={4}>
              {t.as_proposedBy}: {r.proposedBy ?? '—'}
              {inParens(lang, r.proposedAt ? formatDateTime(r.proposedAt, lang) : '—')}
              {decided && ` ・ ${t.as_approvedBy}: ${r.approvedBy ?? '—'}${inParens(lang, r.approvedAt ? formatDateTime(r.approvedAt, lang) : '—')}`}
            </Text>
          </Paper>
        )}
        {proposed && can('assessment.approve') && (
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t.as_fourEyesNote}
            </Text>
            <Textarea label={t.as_decisionComment} autosize minRows={1} value={decisionComment} onChange={(e) => setDecisionComment(e.currentTarget.value)} />
            <Group gap="xs">
              <Button onClick={() => decide(true)}>{t.as_approve}</Button>
              <Button variant="light" color="red" onClick={() => decide(false)}>
                {t.as_sendBack}
              </Button>
            </Group>
          </Stack>
        )}
        {!decided && !proposed && v.state === 'submitted' && can('assessment.review') && (
          <Stack gap={4} component="form" onSubmit={propose} aria-label={t.as_proposeResult}>
            <Radio.Group label={t.as_result} value={choice} onChange={setChoice} error={errors['/result']}>
              <Group mt={4}>
                {RESULTS.map((x) => (
                  <Radio key={x} value={x} label={resultLabel(t, x)} />
                ))}
              </Group>
            </Radio.Group>
            <Textarea label={t.as_resultComment} description={t.as_resultCommentHelp} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} error={errors['/comment']} />
            <Group>
              <Button type="submit" disabled={!r.suggested}>
                {t.as_proposeResult}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function Section({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={label}>
      <Title order={3} size="h5" mb="xs">
        {label}
      </Title>
      {children}
    </Paper>
  );
}

function Withdraw({ v, onDone }: { v: RequestView; onDone: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { error, send } = useSend();
  const withdraw = () =>
    send(async () => {
      await api('POST', `/api/assessment-requests/${v.id}/withdraw`);
      setOpen(false);
      onDone();
    });
  return (
    <>
      <Button size="xs" variant="subtle" color="red" onClick={() => setOpen(true)}>
        {t.as_withdraw}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t.as_withdraw}>
        <Stack gap="xs">
          <Text size="sm">{t.as_withdrawConfirm}</Text>
          <Failed error={error} />
          <Group>
            <Button color="red" onClick={() => void withdraw()}>
              {t.as_withdraw}
            </Button>
            <Button variant="default" onClick={() => setOpen(false)}>
              {t.cancel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

export function ReviewPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const { data: v, error, reload } = useApi<RequestView>(`/api/assessment-requests/${id}`);
  if (error && !v) return <Failed error={error} />;
  if (!v || v.id !== id) return <Loader />;
  const wanted = Number(params.get('item'));
  const index = Math.max(0, v.items.findIndex((i) => i.number === wanted));
  const item = v.items[index];
  const go = (i: number) => setParams({ item: String(v.items[i]!.number) }, { replace: true });
  const newerLabels = (v.newerEdition?.items ?? []).map((c) => v.items.find((i) => i.number === c.number)?.label ?? `No.${c.number}`);
  const base = `/api/assessment-requests/${v.id}`;
  return (
    <Stack>
      <Group justify="space-between" align="start" wrap="wrap">
        <div>
          <Title order={2}>
            {v.connector.name} {v.connection.serviceName}
          </Title>
          <Group gap="xs" mt={4} wrap="wrap">
            <RequestStateBadge state={v.state} />
            <Badge miw="fit-content" variant="outline">{apiTypeLabel(t, v.connection.apiType)}</Badge>
            <Badge miw="fit-content" variant="outline" color="gray">
              {accessLabel(t, v.connection.access)}
            </Badge>
            {v.result.value && v.state === 'decided' && <ResultBadge result={v.result.value} />}
          </Group>
        </div>
        <Group gap="xs" wrap="wrap" component="section" aria-label={t.as_downloads}>
          <Button component="a" href={`${base}/workbook`} size="xs" variant="default">
            {t.as_workbook}
          </Button>
          <Button component="a" href={`${base}/results?format=xlsx`} size="xs" variant="default">
            {t.as_resultsXlsx}
          </Button>
          <Button component="a" href={`${base}/results?format=csv`} size="xs" variant="default">
            {t.as_resultsCsv}
          </Button>
          <Button component="a" href={`${base}/results?format=pdf`} size="xs" variant="default">
            {t.as_resultsPdf}
          </Button>
          {can('assessment.manage') && v.state !== 'decided' && v.state !== 'withdrawn' && <Withdraw v={v} onDone={() => void reload()} />}
        </Group>
      </Group>
      <Paper withBorder p="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing={4}>
          <Text size="sm">
            {t.as_template}:{' '}
            <Anchor component={Link} to={`/assessment/templates/${v.template.id}`}>
              {v.template.name}
            </Anchor>
          </Text>
          <Text size="sm">
            {t.as_checklistOf}: <ChecklistName name={v.checklist.ruleSetName} edition={v.checklist.edition} sample={v.checklist.sample} />
          </Text>
          <Text size="sm">
            {t.as_dueDate}: {formatDate(v.dueDate, lang)}
          </Text>
          <Text size="sm">
            {t.as_sentAt}: {formatDateTime(v.sentAt, lang)}
          </Text>
          {v.connector.registrationNumber && (
            <Text size="sm">
              {t.registrationNumber}: {v.connector.registrationNumber}
            </Text>
          )}
          {v.shared && <Text size="sm">{t.as_sharedYes}</Text>}
          {v.previousRequestId && (
            <Text size="sm">
              {t.as_reassessmentOf}:{' '}
              <Anchor component={Link} to={`/assessment/requests/${v.previousRequestId}`}>
                {t.as_previousRequest}
              </Anchor>
            </Text>
          )}
        </SimpleGrid>
      </Paper>
      {error ? <Failed error={error} /> : null}
      {v.newerEdition && v.newerEdition.items.length > 0 && (
        <Alert color="yellow" data-testid="newer-edition">
          {fmt(t.as_newerEditionBanner, { edition: v.newerEdition.label, labels: joinWords(lang, newerLabels) })}{' '}
          <Anchor component={Link} to={`/assessment/templates/${v.template.id}`} size="sm">
            {t.as_template}
          </Anchor>
        </Alert>
      )}
      {v.submissions.length === 0 && (
        <Alert color="blue" role="status">
          {t.as_notSubmitted}
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
          <Paper withBorder p={4} component="section" aria-label={t.as_itemList}>
            <Title order={3} size="h6" px="xs" pt={4}>
              {t.as_itemList}
            </Title>
            <ScrollArea.Autosize mah={{ base: 260, md: 'none' }} type="auto">
              <Stack gap={0} data-testid="item-list">
                {v.items.map((i, n) => (
                  <NavLink
                    key={i.number}
                    component={Link}
                    to={`?item=${i.number}`}
                    replace
                    active={n === index}
                    aria-current={n === index ? 'true' : undefined}
                    label={
                      <Group gap={6} justify="space-between" wrap="nowrap">
                        <Text size="sm" fw={600}>
                          {i.label}
                        </Text>
                        <VerdictBadge verdict={i.review?.verdict} size="xs" />
                      </Group>
                    }
                    description={<Flags flags={itemFlags(t, v, i)} />}
                    data-number={i.number}
                  />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>{item && <ItemPanel key={item.number} v={v} item={item} index={index} onChanged={() => void reload()} go={go} />}</Grid.Col>
      </Grid>
      <ResultPanel key={v.result.suggested ?? 'none'} v={v} onChanged={() => void reload()} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section label={t.as_hearing}>
          <Table data-testid="hearing">
            <Table.Tbody>
              {v.hearingQuestions.map((q) => (
                <Table.Tr key={q.key}>
                  <Table.Th w="40%" fw={500}>
                    {q.label}
                  </Table.Th>
                  <Table.Td className="pre">{v.hearing[q.key] ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
        <Section label={t.as_submissions}>
          {v.submissions.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t.as_noneYet}
            </Text>
          ) : (
            <Table data-testid="submissions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.as_submission}</Table.Th>
                  <Table.Th>{t.as_submittedAt}</Table.Th>
                  <Table.Th>SHA-256</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {v.submissions.map((s) => (
                  <Table.Tr key={s.version}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Anchor href={`${base}/submission?version=${s.version}`} target="_blank" size="sm">
                        {fmt(t.as_submissionN, { n: s.version })}
                      </Anchor>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.submittedAt, lang)}</Table.Td>
                    <Table.Td>
                      <Code style={{ wordBreak: 'break-all', whiteSpace: 'normal' }}>{s.sha256}</Code>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Section>
      </SimpleGrid>
    </Stack>
  );
}
