import { describe, expect, test } from "vitest";
import { decryptSecret, encryptSecret } from "./secret-box";

/** Replaces one base64url part of `v1.<iv>.<tag>.<ciphertext>` with a copy whose first byte is flipped. */
function flipByte(stored: string, part: 1 | 2 | 3): string {
  const parts = stored.split(".");
  const bytes = Buffer.from(parts[part] ?? "", "base64url");
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("secret box (AES-256-GCM)", () => {
  test.each(["SEC0123456789abcdef0123456789abcdef0123456789abcdef", "短い秘密 🔑", "SEC-short"])(
    "round-trips %j without storing the plaintext",
    (secret) => {
      const stored = encryptSecret(secret);
      expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(stored).not.toContain(secret);
      expect(decryptSecret(stored)).toBe(secret);
    },
  );

  test("encrypting the same secret twice gives different stored values", () => {
    expect(encryptSecret("SECsame")).not.toBe(encryptSecret("SECsame"));
  });

  test.each([
    ["ciphertext", 3],
    ["authentication tag", 2],
    ["IV", 1],
  ] as const)("a tampered %s fails to decrypt", (_label, part) => {
    const stored = encryptSecret("SECtop-secret-value");
    expect(() => decryptSecret(flipByte(stored, part))).toThrow();
  });

  test("an unknown format is refused", () => {
    const [, iv, tag, ciphertext] = encryptSecret("SECvalue").split(".");
    expect(() => decryptSecret(`v2.${iv}.${tag}.${ciphertext}`)).toThrow(
      "Unrecognised encrypted secret format",
    );
    expect(() => decryptSecret("SECvalue")).toThrow("Unrecognised encrypted secret format");
  });
});
