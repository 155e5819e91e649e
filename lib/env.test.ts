import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { parseEnv } from "./env";

// Every case passes both secrets, or is production: parseEnv then never touches .data/dev-secrets.json.
const secrets = {
  AUTH_SECRET: randomBytes(32).toString("base64"),
  ENCRYPTION_KEY: randomBytes(32).toString("base64"),
};

describe("parseEnv", () => {
  test("production requires both secrets and names them", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET[\s\S]*ENCRYPTION_KEY/);
  });

  test("an encryption key that is not 32 bytes is refused", () => {
    expect(() =>
      parseEnv({ ...secrets, NODE_ENV: "production", ENCRYPTION_KEY: randomBytes(16).toString("base64") }),
    ).toThrow("ENCRYPTION_KEY: must be base64 of exactly 32 bytes");
  });

  test("DATABASE_URL must be a postgres URL", () => {
    expect(() => parseEnv({ ...secrets, DATABASE_URL: "mysql://root@localhost/db" })).toThrow(
      "DATABASE_URL: must be a postgres:// URL",
    );
    expect(parseEnv({ ...secrets, DATABASE_URL: "postgres://u@127.0.0.1:5432/x" }).DATABASE_URL).toBe(
      "postgres://u@127.0.0.1:5432/x",
    );
  });

  test("private webhook targets and the demo are off in production and on elsewhere by default", () => {
    const production = parseEnv({ ...secrets, NODE_ENV: "production" });
    expect(production.WEBHOOK_ALLOW_PRIVATE_TARGETS).toBe(false);
    expect(production.SEED_DEMO).toBe(false);
    const development = parseEnv({ ...secrets, NODE_ENV: "development" });
    expect(development.WEBHOOK_ALLOW_PRIVATE_TARGETS).toBe(true);
    expect(development.SEED_DEMO).toBe(true);
  });

  test("explicit switches win, and empty values count as unset", () => {
    const parsed = parseEnv({
      ...secrets,
      NODE_ENV: "production",
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
      SEED_DEMO: "",
      PGLITE_DIR: "",
    });
    expect(parsed.WEBHOOK_ALLOW_PRIVATE_TARGETS).toBe(true);
    expect(parsed.SEED_DEMO).toBe(false);
    expect(parsed.PGLITE_DIR).toBe(".data/pglite");
    expect(() => parseEnv({ ...secrets, WEBHOOK_ALLOW_PRIVATE_TARGETS: "yes" })).toThrow(
      "WEBHOOK_ALLOW_PRIVATE_TARGETS",
    );
  });
});

describe("operations settings", () => {
  test("auto-disable and retention default to docs/delivery.md's rule: 5 days, 10 failures, 30 days", () => {
    const parsed = parseEnv(secrets);
    expect(parsed.WEBHOOK_AUTO_DISABLE_AFTER_HOURS).toBe(120);
    expect(parsed.WEBHOOK_AUTO_DISABLE_MIN_FAILURES).toBe(10);
    expect(parsed.DELIVERY_RETENTION_DAYS).toBe(30);
  });

  test("they can be set, and nonsense is refused with the variable's name", () => {
    const parsed = parseEnv({
      ...secrets,
      WEBHOOK_AUTO_DISABLE_AFTER_HOURS: "1.5",
      WEBHOOK_AUTO_DISABLE_MIN_FAILURES: "3",
      DELIVERY_RETENTION_DAYS: "7",
    });
    expect(parsed.WEBHOOK_AUTO_DISABLE_AFTER_HOURS).toBe(1.5);
    expect(parsed.WEBHOOK_AUTO_DISABLE_MIN_FAILURES).toBe(3);
    expect(parsed.DELIVERY_RETENTION_DAYS).toBe(7);
    expect(() => parseEnv({ ...secrets, DELIVERY_RETENTION_DAYS: "0" })).toThrow("DELIVERY_RETENTION_DAYS");
    expect(() => parseEnv({ ...secrets, WEBHOOK_AUTO_DISABLE_MIN_FAILURES: "2.5" })).toThrow(
      "WEBHOOK_AUTO_DISABLE_MIN_FAILURES",
    );
    expect(() => parseEnv({ ...secrets, WEBHOOK_AUTO_DISABLE_AFTER_HOURS: "soon" })).toThrow(
      "WEBHOOK_AUTO_DISABLE_AFTER_HOURS",
    );
  });
});
