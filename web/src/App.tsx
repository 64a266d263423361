import { AppShell, Anchor, Burger, Button, Center, Group, Loader, NavLink, Select, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { AlertBanner } from './AlertBanner';
import { api } from './api';
import { useI18n } from './i18n';
import { AcceptInvitationPage } from './pages/AcceptInvitation';
import { AdminPage } from './pages/Admin';
import { AnalysesPage, AnalysisPage } from './pages/Analyses';
import { AlertsPage } from './pages/Alerts';
import { AuditPage } from './pages/Audit';
import { CatalogPage, EditionPage, ProvisionPage, RuleSetPage } from './pages/Catalog';
import { DashboardPage } from './pages/Dashboard';
import { EvidencePage } from './pages/Evidence';
import { MeetingsPage } from './pages/Meetings';
import { SignInPage } from './pages/SignIn';
import { ReviewCyclePage } from './pages/ReviewCycle';
import { ReviewsPage } from './pages/Reviews';
import { TokensPage } from './pages/Tokens';
import { useSession } from './session';
import { ConnectorInboxPage, ConnectorRequestPage, DisagreementsPage, MasterAnswersPage, SharingPage } from './pages/assessment/connector';
import { ConnectionsPage } from './pages/assessment/bank/Connections';
import { BankDashboardPage } from './pages/assessment/bank/Dashboard';
import { RequestsPage } from './pages/assessment/bank/Requests';
import { ReviewPage } from './pages/assessment/bank/Review';
import { SharedAnswersPage } from './pages/assessment/bank/Shared';
import { AnswerSheetLayoutsPage } from './pages/assessment/bank/Layouts';
import { NewTemplatePage, TemplatePage, TemplatesPage } from './pages/assessment/bank/Templates';
import { NotificationBell, NotificationsPage } from './Notifications';

export function App() {
  const { me, loading, refresh, can } = useSession();
  const { t, lang, setLang } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  // Below the md breakpoint (tablets) the navigation folds behind a menu button so tables get the width.
  const [navOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  useEffect(closeNav, [location.pathname, closeNav]);
  if (location.pathname.startsWith('/invitations/')) {
    return (
      <Routes>
        <Route path="/invitations/:token" element={<AcceptInvitationPage />} />
      </Routes>
    );
  }
  if (loading) {
    return (
      <Center h="100vh">
        <Loader aria-label={t.loading} />
      </Center>
    );
  }
  if (!me || me.mfa.pending || !me.permissions) return <SignInPage />;

  const signOut = async () => {
    await api('POST', '/api/auth/sign-out');
    await refresh();
    navigate('/');
  };
  // A connector's people answer banks' requests: their assessment screens come first.
  const connector = me.organisation?.type === 'connector' && can('assessment.read');
  // A bank's people assess the connectors connecting to its APIs: its editors start from the bank dashboard.
  const bank = me.organisation?.type === 'bank' && can('assessment.read');
  const nav = [
    { to: '/assessment/inbox', label: t.cxNavInbox, show: connector },
    { to: '/assessment/answers', label: t.cxNavAnswers, show: connector },
    { to: '/assessment/sharing', label: t.cxNavSharing, show: connector },
    { to: '/assessment/disagreements', label: t.cxNavDisagreements, show: connector && can('assessment.answer') },
    { to: '/assessment/dashboard', label: t.as_dashboard, show: bank && can('assessment.manage') },
    { to: '/assessment/requests', label: t.as_requests, show: bank },
    { to: '/assessment/templates', label: t.as_templates, show: bank },
    { to: '/assessment/connections', label: t.as_connections, show: bank },
    { to: '/assessment/shared', label: t.as_shared, show: bank },
    { to: '/assessment/layouts', label: t.ly_nav, show: bank && can('assessment.manage') },
    { to: '/dashboard', label: t.dashboard, show: can('review.manage') },
    { to: '/catalog', label: t.catalog, show: true },
    { to: '/analyses', label: t.analyses, show: can('revision.read') },
    { to: '/reviews', label: t.reviews, show: can('review.read') },
    { to: '/evidence', label: can('review.manage') ? t.evidenceRegisters : t.sendFeedback, show: can('review.manage') || can('review.feedback') },
    { to: '/meetings', label: t.meetings, show: can('review.read') },
    { to: '/alerts', label: t.alerts, show: can('alert.read') },
    { to: '/admin', label: t.admin, show: can('members.manage') || can('organisation.create') },
    { to: '/tokens', label: t.tokens, show: can('apiToken.manage') },
    { to: '/audit', label: t.audit, show: can('audit.read.own') },
  ];
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 200, breakpoint: 'md', collapsed: { mobile: !navOpen } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap" miw={0}>
            <Burger opened={navOpen} onClick={toggleNav} hiddenFrom="md" size="sm" aria-label={t.menu} aria-expanded={navOpen} />
            <Title order={1} size="h4" lineClamp={1}>
              <Anchor component={Link} to="/" underline="never" c="inherit">
                {t.appTitle}
              </Anchor>
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {me.memberships.length > 1 ? (
              <Select
                aria-label={t.organisations}
                size="xs"
                data={me.memberships.map((m) => ({ value: m.organisationId, label: m.name }))}
                value={me.organisation?.id ?? null}
                allowDeselect={false}
                onChange={async (v) => {
                  if (!v) return;
                  await api('PUT', '/api/me/organisation', { organisationId: v });
                  await refresh();
                  navigate('/');
                }}
              />
            ) : (
              <Text size="sm" visibleFrom="lg" lineClamp={1}>
                {me.user.displayName}（{me.organisation?.name}）
              </Text>
            )}
            <NotificationBell />
            <Button variant="subtle" size="compact-sm" style={{ flexShrink: 0 }} lang={lang === 'ja' ? 'en' : 'ja'} onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')}>
              {t.language}
            </Button>
            <Button variant="light" size="compact-sm" style={{ flexShrink: 0 }} onClick={signOut}>
              {t.signOut}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t.menu} className={navOpen ? undefined : 'nav-folded'}>
        {nav
          .filter((n) => n.show)
          .map((n) => (
            <NavLink key={n.to} component={Link} to={n.to} label={n.label} active={location.pathname.startsWith(n.to)} />
          ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {!can('alert.publish') && !location.pathname.startsWith('/alerts') && <AlertBanner />}
        <Routes>
          {/* The secretariat's running of the review starts from its dashboard, a connector's from its requests inbox, a bank's from its assessments; everyone else from the catalog. */}
          <Route path="/" element={<Navigate to={can('review.manage') ? '/dashboard' : connector ? '/assessment/inbox' : bank ? (can('assessment.manage') ? '/assessment/dashboard' : '/assessment/requests') : '/catalog'} replace />} />
          <Route path="/assessment/inbox" element={<ConnectorInboxPage />} />
          <Route path="/assessment/inbox/:id" element={<ConnectorRequestPage />} />
          {/* Notifications link a request as /assessment/requests/:id for both sides. */}
          {connector && <Route path="/assessment/requests/:id" element={<ConnectorRequestPage />} />}
          {bank && <Route path="/assessment/requests/:id" element={<ReviewPage />} />}
          <Route path="/assessment/dashboard" element={<BankDashboardPage />} />
          <Route path="/assessment/requests" element={<RequestsPage />} />
          <Route path="/assessment/templates" element={<TemplatesPage />} />
          <Route path="/assessment/templates/new" element={<NewTemplatePage />} />
          <Route path="/assessment/templates/:id" element={<TemplatePage />} />
          <Route path="/assessment/connections" element={<ConnectionsPage />} />
          <Route path="/assessment/shared" element={<SharedAnswersPage />} />
          <Route path="/assessment/layouts" element={<AnswerSheetLayoutsPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route path="/assessment/answers" element={<MasterAnswersPage />} />
          <Route path="/assessment/sharing" element={<SharingPage />} />
          <Route path="/assessment/disagreements" element={<DisagreementsPage />} />
          <Route path="/dashboard" element={<DashboardPage />} />
          <Route path="/catalog" element={<CatalogPage />} />
          <Route path="/catalog/:ruleSet" element={<RuleSetPage />} />
          <Route path="/catalog/:ruleSet/:edition" element={<EditionPage />} />
          <Route path="/catalog/:ruleSet/:edition/provisions/:code" element={<ProvisionPage />} />
          <Route path="/analyses" element={<AnalysesPage />} />
          <Route path="/analyses/:id" element={<AnalysisPage />} />
          <Route path="/reviews" element={<ReviewsPage />} />
          <Route path="/reviews/:checklist/:fiscalYear" element={<ReviewCyclePage />} />
          <Route path="/evidence" element={<EvidencePage />} />
          <Route path="/meetings" element={<MeetingsPage />} />
          <Route path="/alerts" element={<AlertsPage />} />
          <Route path="/admin" element={<AdminPage />} />
          <Route path="/tokens" element={<TokensPage />} />
          <Route path="/audit" element={<AuditPage />} />
          <Route path="*" element={<Text>{t.notFound}</Text>} />
        </Routes>
      </AppShell.Main>
    </AppShell>
  );
}
