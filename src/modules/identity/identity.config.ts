/** Sign-in settings, from the environment (docs/operations.md). */
export interface IdentityConfig {
  /** Consecutive failures that lock an account. */
  lockoutThreshold: number;
  /** A session ends after this long without a request. */
  sessionIdleMs: number;
  /** …and after this long in any case. */
  sessionAbsoluteMs: number;
  invitationTtlMs: number;
  /** Issuer shown in authenticator apps. */
  totpIssuer: string;
}

const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);

export function identityConfig(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  return {
    lockoutThreshold: num(env.TSUNAGU_LOCKOUT_THRESHOLD, 5),
    sessionIdleMs: num(env.TSUNAGU_SESSION_IDLE_MINUTES, 30) * 60_000,
    sessionAbsoluteMs: num(env.TSUNAGU_SESSION_ABSOLUTE_HOURS, 12) * 3_600_000,
    invitationTtlMs: num(env.TSUNAGU_INVITATION_DAYS, 7) * 86_400_000,
    totpIssuer: env.TSUNAGU_TOTP_ISSUER || 'Tsunagu',
  };
}
