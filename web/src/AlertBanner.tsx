/** Unacknowledged alerts (注意喚起) for the signed-in user's organisation, shown on every page until acknowledged. */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { api } from './api';
import { useI18n } from './i18n';
import { useApi } from './useApi';

export function AlertBanner() {
  const { t } = useI18n();
  const { data, reload } = useApi<{ id: string; title: string; body: string; severity: string; itemNumbers: number[]; acknowledgedAt: string | null }[]>('/api/alerts');
  const open = (data ?? []).filter((a) => !a.acknowledgedAt);
  if (!open.length) return null;
  return (
    <Stack gap="xs" mb="md" data-testid="alerts">
      {open.map((a) => (
        <Alert key={a.id} color={a.severity === 'critical' ? 'red' : a.severity === 'warning' ? 'orange' : 'blue'} title={`${t.alert}: ${a.title}`} role="alert">
          <Text size="sm" className="pre">
            {a.body}
          </Text>
          {a.itemNumbers.length > 0 && (
            <Text size="xs" mt={4}>
              {t.items}: {a.itemNumbers.join('、')}
            </Text>
          )}
          <Group mt="xs">
            <Button
              size="compact-sm"
              onClick={async () => {
                await api('POST', `/api/alerts/${a.id}/acknowledge`);
                await reload();
              }}
            >
              {t.acknowledge}
            </Button>
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}
