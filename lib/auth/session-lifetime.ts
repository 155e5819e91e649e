import "server-only";

/** How long a sign-in lasts: the session token's lifetime and its server-side session's (30 days). */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;
