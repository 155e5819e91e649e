import "server-only";
import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // 32 symbols, no look-alikes (0/o, 1/l)

/** A random string of `length` symbols from a 32-letter alphabet (5 bits each). */
export function randomKey(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte & 31];
  return out;
}

/** Short, unguessable app key: 16 symbols = 80 random bits. */
export function newAppKey(): string {
  return randomKey(16);
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
