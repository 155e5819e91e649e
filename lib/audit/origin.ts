import "server-only";
import { clientIp } from "@/lib/accounts/login-limit";
import { env } from "@/lib/env";

/**
 * Where a change came from, handed by the server action or route to the use case: the client's address as the
 * sign-in limit reads it (lib/accounts/login-limit.ts `clientIp`), known only behind a trusted proxy
 * (TRUST_PROXY); null otherwise.
 */
export type Origin = { address: string | null };

/** For changes made outside a request (tests, scripts): no address. */
export const NO_ORIGIN: Origin = { address: null };

/** The origin of a request from its headers. */
export function originOf(headers: Headers): Origin {
  return { address: clientIp(headers, env().TRUST_PROXY) };
}

/** The origin of the server action being run (its request's headers). */
export async function actionOrigin(): Promise<Origin> {
  const { headers } = await import("next/headers");
  return originOf(await headers());
}
