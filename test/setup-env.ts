import { randomBytes } from "node:crypto";

// Runs before every test file (vitest `setupFiles`). The environment is parsed once per file by `env()`;
// setting the secrets here keeps tests from generating `.data/dev-secrets.json`. Values already set win.
const defaults: Record<string, string> = {
  NODE_ENV: "test",
  AUTH_SECRET: randomBytes(32).toString("base64"),
  ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
};

const processEnv: Record<string, string | undefined> = process.env;
for (const [key, value] of Object.entries(defaults)) {
  // An empty value counts as unset, as in `parseEnv`.
  if (!processEnv[key]) processEnv[key] = value;
}
