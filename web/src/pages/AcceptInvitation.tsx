import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, errorText } from '../api';
import { useI18n } from '../i18n';

export function AcceptInvitationPage() {
  const { token } = useParams();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('POST', '/api/invitations/accept', { token, displayName, password });
      navigate('/');
    } catch (err) {
      setError(errorText(err, lang));
    }
  };
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" w={440} maw="100%">
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h3">
              {t.acceptInvitation}
            </Title>
            {error && (
              <Alert color="red" role="alert" className="pre">
                {error}
              </Alert>
            )}
            <TextInput label={t.displayName} required value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} />
            <PasswordInput label={t.password} autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit">{t.acceptInvitation}</Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
