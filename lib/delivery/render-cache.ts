import "server-only";
import { decryptSecret } from "@/lib/crypto/secret-box";
import type { Language } from "@/lib/domain/event-catalog";
import type { DeliveryEvent } from "@/lib/domain/event-facts";
import { jsonBody } from "./formats/json";

/**
 * What every delivery of one event renders alike, rendered once: a webhook fan-out sends the same event to
 * several webhooks, and a backlog holds many deliveries of each event. Events never change once recorded,
 * so an entry never goes stale; both caches are bounded (the oldest entry goes first).
 */
class Bounded<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string, make: () => V): V {
    const known = this.entries.get(key);
    if (known !== undefined) return known;
    const value = make();
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

const bodies = new Bounded<string>(2048);
const secrets = new Bounded<string>(4096);

/**
 * The "Other (JSON)" body of an event in a language and a time zone (JSON.stringify of jsonBody), rendered
 * once: a team that changes its zone gets new entries, so pending retries use the new zone.
 */
export function renderedBody(
  event: DeliveryEvent,
  language: Language,
  baseUrl: string,
  timeZone: string,
): string {
  return bodies.get(`${event.id}\u0000${language}\u0000${timeZone}\u0000${baseUrl}`, () =>
    JSON.stringify(jsonBody(event, language, baseUrl, timeZone)),
  );
}

/**
 * A stored secret decrypted once (keyed by its ciphertext, so a rotated or edited secret is a new entry).
 * One that does not decrypt throws every time, and is not kept.
 */
export function decryptedSecret(stored: string): string {
  return secrets.get(stored, () => decryptSecret(stored));
}

/** How many entries each cache holds (tests). */
export function renderCacheSizes(): { bodies: number; secrets: number } {
  return { bodies: bodies.size, secrets: secrets.size };
}
