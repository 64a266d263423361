/**
 * お知らせ for everyone signed in: the header's link with the unread count, and the list page
 * (newest first; opening one or marking it read clears it). The count is fetched again on every page
 * change, every minute, and whenever the list page marks something read.
 */
import { Alert, Anchor, Badge, Button, Group, Indicator, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { api, errorText } from './api';
import { formatDateTime, useI18n } from './i18n';
import { useApi } from './useApi';

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

const CHANGED = 'tsunagu:notifications';
const fmtN = (s: string, n: number) => s.replace('{n}', String(n));

/** The header's お知らせ link with the number of unread notifications. */
export function NotificationBell() {
  const { t } = useI18n();
  const location = useLocation();
  const { data, reload } = useApi<Notification[]>('/api/notifications');
  useEffect(() => {
    void reload();
  }, [location.pathname, reload]);
  useEffect(() => {
    const again = () => void reload();
    const timer = setInterval(again, 60_000);
    window.addEventListener(CHANGED, again);
    return () => {
      clearInterval(timer);
      window.removeEventListener(CHANGED, again);
    };
  }, [reload]);
  const unread = (data ?? []).filter((n) => !n.readAt).length;
  return (
    <Indicator label={unread} size={16} disabled={unread === 0} offset={4} color="red" inline>
      <Button component={Link} to="/notifications" variant="subtle" size="compact-sm" style={{ flexShrink: 0 }} aria-label={fmtN(t.as_notificationsUnread, unread)} data-testid="notification-bell" data-unread={unread}>
        {t.as_notifications}
      </Button>
    </Indicator>
  );
}

export function NotificationsPage() {
  const { t, lang } = useI18n();
  const { data, error, reload } = useApi<Notification[]>('/api/notifications');
  const markRead = async (id: string) => {
    await api('POST', `/api/notifications/${id}/read`);
    await reload();
    window.dispatchEvent(new Event(CHANGED));
  };
  return (
    <Stack maw={900}>
      <Title order={2}>{t.as_notifications}</Title>
      {error ? (
        <Alert color="red" role="alert" className="pre">
          {errorText(error, lang)}
        </Alert>
      ) : null}
      {!data ? (
        <Loader />
      ) : data.length === 0 ? (
        <Text c="dimmed">{t.as_noNotifications}</Text>
      ) : (
        <Stack gap="xs" data-testid="notifications">
          {data.map((n) => (
            <Paper key={n.id} withBorder p="sm" component="article" aria-label={n.title} bg={n.readAt ? undefined : 'var(--mantine-color-indigo-0)'}>
              <Group justify="space-between" align="start" wrap="wrap" gap="xs">
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Group gap="xs">
                    {!n.readAt && (
                      <Badge size="xs" color="red">
                        {t.as_unread}
                      </Badge>
                    )}
                    <Text fw={700} size="sm">
                      {n.link ? (
                        <Anchor component={Link} to={n.link} onClick={() => void (n.readAt ? null : markRead(n.id))}>
                          {n.title}
                        </Anchor>
                      ) : (
                        n.title
                      )}
                    </Text>
                  </Group>
                  {n.body && (
                    <Text size="sm" className="pre" mt={2}>
                      {n.body}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed" mt={2}>
                    {formatDateTime(n.createdAt, lang)}
                    {n.readAt ? ` ・ ${t.as_readAt} ${formatDateTime(n.readAt, lang)}` : ''}
                  </Text>
                </div>
                {!n.readAt && (
                  <Button size="compact-xs" variant="light" onClick={() => void markRead(n.id)}>
                    {t.as_markRead}
                  </Button>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
