/** Small pieces every screen uses: the server's refusal as an alert, a list in its loading states. */
import { Alert, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { errorText } from './api';
import { useI18n } from './i18n';

/** The server's refusal (or a failed request) in the UI language; nothing without an error. */
export function Failed({ error }: { error: unknown }) {
  const { lang } = useI18n();
  if (!error) return null;
  return (
    <Alert color="red" role="alert" className="pre">
      {errorText(error, lang)}
    </Alert>
  );
}

/**
 * A list from the API in its three states: a loader until it comes, the words for none, or what
 * shows its rows. An error shows above (the list may still hold what came before).
 */
export function Listing<T>({ rows, error, none, small = false, children }: { rows: T[] | null; error?: unknown; none: string; small?: boolean; children: (rows: T[]) => ReactNode }) {
  return (
    <>
      <Failed error={error} />
      {!rows ? (
        <Loader />
      ) : rows.length === 0 ? (
        <Text c="dimmed" size={small ? 'sm' : undefined}>
          {none}
        </Text>
      ) : (
        children(rows)
      )}
    </>
  );
}
