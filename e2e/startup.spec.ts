import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

/** Runs `next start` in production with `env` and no database server; resolves with its exit code and output. */
function startProduction(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "apphooks-startup-"));
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", "0"], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      PGLITE_DIR: path.join(dataDir, "pglite"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const killer = setTimeout(() => child.kill("SIGKILL"), 45_000);
  return new Promise((resolve) => {
    child.on("exit", (code) => {
      clearTimeout(killer);
      rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

test("a production start without its secrets exits at once, naming each missing or malformed variable", async () => {
  const started = Date.now();
  const missing = await startProduction({});
  expect(missing.code).toBe(1);
  expect(missing.output).toContain("Invalid environment variables");
  expect(missing.output).toMatch(/AUTH_SECRET: .+/);
  expect(missing.output).toMatch(/ENCRYPTION_KEY: .+/);

  const malformed = await startProduction({
    AUTH_SECRET: "a".repeat(40),
    ENCRYPTION_KEY: "not-32-bytes",
  });
  expect(malformed.code).toBe(1);
  expect(malformed.output).toContain("ENCRYPTION_KEY: must be base64 of exactly 32 bytes");
  expect(malformed.output).not.toContain("AUTH_SECRET:");
  // Within seconds, not after serving anything (the two starts together).
  expect(Date.now() - started).toBeLessThan(40_000);
});
