/** The connector's assessment screens: inbox, answering a request, master answers, sharing, disagreements. */
export { ConnectorInboxPage } from './Inbox';
export { ConnectorRequestPage } from './Answer';
export { MasterAnswersPage } from './MasterAnswers';
export { SharingPage } from './Sharing';
export { DisagreementsPage } from './Disagreements';
