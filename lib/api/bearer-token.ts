import "server-only";
import { timingSafeEqual } from "node:crypto";

/**
 * Whether the request's `Authorization: Bearer <token>` is `expected`, compared in constant time (the time
 * taken says nothing about how much of the token was right; only its length may show).
 */
export function hasBearerToken(request: Request, expected: string): boolean {
  const given = /^Bearer\s+(\S+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
