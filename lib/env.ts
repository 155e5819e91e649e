import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const booleanString = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1")
  .optional();

/** LOG_LEVEL's values: the least severe level written to the log. */
export const logLevel = z
  .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
  .default("info");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }).optional(),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)"),
  ENCRYPTION_KEY: z
    .string()
    .refine((value) => Buffer.from(value, "base64").length === 32, "must be base64 of exactly 32 bytes"),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: booleanString,
  SEED_DEMO: booleanString,
  TRUST_PROXY: booleanString,
  AUTH_URL: z.url().optional(),
  /** The dashboard's public URL, used for links in payloads; defaults to AUTH_URL, then localhost. */
  APP_URL: z.url().optional(),
  /** Delays between attempts, e.g. "0,5s,5m,30m,2h,5h,10h,10h" (ms, s, m, h; a bare number is ms). */
  DELIVERY_RETRY_SCHEDULE: z.string().default("0,5s,5m,30m,2h,5h,10h,10h"),
  /** "off" runs no worker inside the web server (use `npm run worker` instead). */
  DELIVERY_WORKER: z.enum(["on", "off"]).default("on"),
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(256),
  DELIVERY_PER_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  DELIVERY_LEASE_MS: z.coerce.number().int().min(1000).default(60_000),
  DELIVERY_POLL_MS: z.coerce.number().int().min(10).default(1000),
  DELIVERY_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(10).default(5000),
  /** Enables POST /api/v1/deliveries/drain for cron-driven hosts; the caller sends it as a Bearer token. */
  DELIVERY_DRAIN_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  /** Enables GET /api/metrics (Prometheus); the scraper sends it as a Bearer token. */
  METRICS_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  /** The least severe level written to the log (docs/operations.md#logs). */
  LOG_LEVEL: logLevel,
  /** Ingest requests a minute per API key (one limit across all server processes). */
  INGEST_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  DELIVERY_TOTAL_TIMEOUT_MS: z.coerce.number().int().min(10).default(15_000),
  /** Finished deliveries (and their attempts) older than this many days are purged. */
  DELIVERY_RETENTION_DAYS: z.coerce.number().positive().default(30),
  /** A webhook whose attempts have all failed for this long (and at least the minimum below) is turned off. */
  WEBHOOK_AUTO_DISABLE_AFTER_HOURS: z.coerce.number().positive().default(120),
  WEBHOOK_AUTO_DISABLE_MIN_FAILURES: z.coerce.number().int().min(1).default(10),
  /**
   * Where alert emails are sent (docs/alerts.md#email): an SMTP URL, e.g. smtps://user:pass@smtp.example.com:465.
   * Unset: emails are written to the log and kept for the team's email preview page instead.
   */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  /** The From of alert emails. */
  SMTP_FROM: z.string().min(3).default("AppHooks <alerts@apphooks.localhost>"),
  AUTH_GITHUB_ID: z.string().min(1).optional(),
  AUTH_GITHUB_SECRET: z.string().min(1).optional(),
  AUTH_OIDC_ISSUER: z.url().optional(),
  AUTH_OIDC_ID: z.string().min(1).optional(),
  AUTH_OIDC_SECRET: z.string().min(1).optional(),
  AUTH_OIDC_NAME: z.string().min(1).default("SSO"),
});

export type Env = Omit<
  z.output<typeof schema>,
  "WEBHOOK_ALLOW_PRIVATE_TARGETS" | "SEED_DEMO" | "TRUST_PROXY"
> & {
  WEBHOOK_ALLOW_PRIVATE_TARGETS: boolean;
  SEED_DEMO: boolean;
  TRUST_PROXY: boolean;
};

type DevSecrets = { AUTH_SECRET: string; ENCRYPTION_KEY: string };

/**
 * Outside production, secrets that are not set are generated once and kept beside the embedded
 * database (`.data/dev-secrets.json` by default), so sessions and encrypted secrets survive restarts.
 */
function devSecrets(pgliteDir: string): DevSecrets {
  const file = path.join(path.dirname(path.resolve(pgliteDir)), "dev-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DevSecrets;
  const secrets: DevSecrets = {
    AUTH_SECRET: randomBytes(32).toString("base64"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const input = { ...source };
  for (const key of Object.keys(input)) if (input[key] === "") delete input[key];
  const production = input.NODE_ENV === "production";
  if (!production && (!input.AUTH_SECRET || !input.ENCRYPTION_KEY)) {
    const generated = devSecrets(input.PGLITE_DIR ?? ".data/pglite");
    input.AUTH_SECRET ??= generated.AUTH_SECRET;
    input.ENCRYPTION_KEY ??= generated.ENCRYPTION_KEY;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment variables:\n${problems.join("\n")}\nSee the README's table.`);
  }
  const value = result.data;
  return {
    ...value,
    WEBHOOK_ALLOW_PRIVATE_TARGETS: value.WEBHOOK_ALLOW_PRIVATE_TARGETS ?? !production,
    SEED_DEMO: value.SEED_DEMO ?? !production,
    TRUST_PROXY: value.TRUST_PROXY ?? false,
  };
}

let cached: Env | undefined;

/** The environment, parsed once with zod on first use (not at import, so `next build` needs no secrets). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The dashboard's public URL (APP_URL, else AUTH_URL, else localhost): links in payloads, test inboxes' URLs. */
export function appBaseUrl(): string {
  const e = env();
  return e.APP_URL ?? e.AUTH_URL ?? "http://localhost:3000";
}
