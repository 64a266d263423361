/** Sign-in: password, then a TOTP or recovery code, or MFA enrolment with a QR code. */
import { Alert, Button, Center, Code, Image, List, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, errorText, setCsrfToken } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';

export function SignInPage() {
  const { t, lang, setLang } = useI18n();
  const { me, refresh } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  // A failed single sign-on comes back as ?ssoError=<ja>\n<en>.
  const [error, setError] = useState<string | null>(() => {
    const raw = new URLSearchParams(location.search).get('ssoError');
    if (!raw) return null;
    const [ja, en] = raw.split('\n');
    return (lang === 'ja' ? ja : en) ?? raw;
  });
  const [busy, setBusy] = useState(false);
  const [enrol, setEnrol] = useState<{ qrDataUrl: string; secret: string } | null>(null);
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const step = recovery ? 'recovery' : me?.mfa.pending ? (me.mfa.enrolled ? 'totp' : 'enrol') : 'password';

  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const submitPassword = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await api<{ csrfToken: string }>('POST', '/api/auth/sign-in', { email, password });
      setCsrfToken(r.csrfToken);
      await refresh();
    });
  };
  const startSso = () =>
    run(async () => {
      const r = await api<{ redirectUrl: string }>('POST', '/api/auth/sso/start', { email });
      window.location.assign(r.redirectUrl);
    });
  const submitTotp = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api('POST', '/api/auth/mfa', { code });
      await refresh();
    });
  };
  const startEnrol = () => run(async () => setEnrol(await api('POST', '/api/auth/mfa/enrol')));
  const confirmEnrol = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await api<{ recoveryCodes: string[] }>('POST', '/api/auth/mfa/confirm', { code });
      setRecovery(r.recoveryCodes);
    });
  };

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={440} maw="100%">
        <Stack>
          <Title order={1} size="h3">
            {t.appTitle}
          </Title>
          {error && (
            <Alert color="red" role="alert" className="pre">
              {error}
            </Alert>
          )}
          {step === 'password' && (
            <form onSubmit={submitPassword}>
              <Stack>
                <Title order={2} size="h4">
                  {t.signIn}
                </Title>
                <TextInput label={t.email} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
                <PasswordInput label={t.password} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
                <Button type="submit" loading={busy}>
                  {t.signIn}
                </Button>
                <Button variant="default" onClick={() => void startSso()} disabled={!email}>
                  {t.sso}
                </Button>
              </Stack>
            </form>
          )}
          {step === 'totp' && (
            <form onSubmit={submitTotp}>
              <Stack>
                <Title order={2} size="h4">
                  {t.mfaTitle}
                </Title>
                <TextInput label={t.code} autoComplete="one-time-code" inputMode="numeric" required value={code} onChange={(e) => setCode(e.currentTarget.value)} autoFocus />
                <Button type="submit" loading={busy}>
                  {t.verify}
                </Button>
              </Stack>
            </form>
          )}
          {step === 'enrol' && (
            <Stack>
              <Title order={2} size="h4">
                {t.mfaEnrolTitle}
              </Title>
              <Text size="sm">{t.mfaEnrolHelp}</Text>
              {!enrol ? (
                <Button onClick={() => void startEnrol()} loading={busy}>
                  {t.continue}
                </Button>
              ) : (
                <form onSubmit={confirmEnrol}>
                  <Stack>
                    <Image src={enrol.qrDataUrl} alt="QR" w={200} h={200} />
                    <Code data-testid="mfa-secret">{enrol.secret}</Code>
                    <TextInput label={t.code} autoComplete="one-time-code" inputMode="numeric" required value={code} onChange={(e) => setCode(e.currentTarget.value)} />
                    <Button type="submit" loading={busy}>
                      {t.verify}
                    </Button>
                  </Stack>
                </form>
              )}
            </Stack>
          )}
          {step === 'recovery' && recovery && (
            <Stack>
              <Title order={2} size="h4">
                {t.recoveryTitle}
              </Title>
              <Text size="sm">{t.recoveryHelp}</Text>
              <List data-testid="recovery-codes">
                {recovery.map((c) => (
                  <List.Item key={c}>
                    <Code>{c}</Code>
                  </List.Item>
                ))}
              </List>
              <Button onClick={() => void refresh().then(() => setRecovery(null))}>{t.continue}</Button>
            </Stack>
          )}
          <Button variant="subtle" size="compact-sm" onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')}>
            {t.language}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
