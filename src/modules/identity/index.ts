/** The identity module's public face. */
export * from './identity.policy.js';
export { identityConfig, type IdentityConfig } from './identity.config.js';
export { signIn, resolveSession, resolveApiToken, authContextOfSession, authContextOfUser, type SessionState, type SignInResult, type ClientInfo } from './sign-in.js';
export {
  addUser,
  authorize,
  actorOfAuth,
  beginMfaEnrolment,
  bootstrapFirstAdmin,
  confirmMfaEnrolment,
  createApiToken,
  createOrganisation,
  forbidden,
  resetPassword,
  unlockUser,
  verifySessionMfa,
  inviteUser,
  mayManageMembersOf,
  acceptInvitation,
} from './manage-identity.js';
export { configureSso, startSso, finishSso, getSsoSettings } from './sso.js';
export * as identityRepo from './identity.repo.js';
