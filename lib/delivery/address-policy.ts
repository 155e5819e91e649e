import "server-only";
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { type Text, text } from "@/lib/errors";

/**
 * Whether an IP address is a public unicast address (docs/security.md#ssrf): loopback, private, link-local, CGNAT,
 * multicast, unspecified, reserved, IPv6 unique-local/link-local and IPv4-mapped forms of them are not.
 */
export function isPublicAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false;
  let address = ipaddr.parse(ip);
  if (address.kind() === "ipv6") {
    const v6 = address as ipaddr.IPv6;
    // ::ffff:a.b.c.d (mapped) and the deprecated ::a.b.c.d (compatible) carry an IPv4 address: judge that.
    const compatible = v6.parts.slice(0, 6).every((part) => part === 0) && (v6.parts[6] ?? 0) !== 0;
    if (v6.isIPv4MappedAddress() || compatible) {
      const [high = 0, low = 0] = v6.parts.slice(6);
      address = ipaddr.fromByteArray([high >> 8, high & 255, low >> 8, low & 255]);
    }
  }
  return address.range() === "unicast";
}

/** The URL's host as an IP literal (brackets removed), or null when it is a name. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}

/** Refused: why, as a text of the webhook form (`errors.url.*`). */
export type TargetCheck = { ok: true } | { ok: false; text: Text };

/**
 * Checks the addresses a webhook URL points at. With private targets allowed (development, tests,
 * WEBHOOK_ALLOW_PRIVATE_TARGETS=true) everything passes without a DNS look-up.
 */
export async function checkTarget(
  url: string,
  options: { allowPrivate: boolean; resolve?: (host: string) => Promise<string[]> },
): Promise<TargetCheck> {
  if (options.allowPrivate) return { ok: true };
  const { hostname } = new URL(url);
  const literal = ipLiteral(hostname);
  let addresses: string[];
  if (literal) {
    addresses = [literal];
  } else {
    const resolve =
      options.resolve ?? (async (host: string) => (await lookup(host, { all: true })).map((a) => a.address));
    try {
      addresses = await resolve(hostname);
    } catch {
      return { ok: false, text: text("url.hostNotFound", { host: hostname }) };
    }
  }
  const blocked = addresses.find((address) => !isPublicAddress(address));
  if (blocked) {
    return { ok: false, text: text("url.privateAddress", { address: blocked }) };
  }
  return { ok: true };
}
