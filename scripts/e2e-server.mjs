#!/usr/bin/env node
// Starts the production Next.js server for Playwright (see playwright.config.ts `webServer`).
//
// - Generates fresh AUTH_SECRET / ENCRYPTION_KEY for every run.
// - DATABASE_URL set   → creates a throw-away database `apphooks_e2e_<hex>` on that server and points the
//                        app at it.
//   DATABASE_URL unset → uses embedded PGlite in a fresh temp directory (PGLITE_DIR).
// - On SIGTERM/SIGINT or when the server exits: stops the server, drops the database / removes the temp dir
//   it created (and nothing else), then exits with the server's exit code.
//
// It does NOT build: run `npx next build` first (scripts/test-all.mjs does this).

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.E2E_PORT ?? "3100";
const host = "127.0.0.1";
const CHILD_STOP_TIMEOUT_MS = 15_000;

const log = (msg) => console.error(`[e2e-server] ${msg}`);

/** What this script created and must clean up. */
const created = { database: /** @type {string | null} */ (null), adminUrl: "", tempDir: "" };
/** @type {import("node:child_process").ChildProcess | null} */
let child = null;
let shuttingDown = false;
let signalled = false;
/** True once setup (database / temp dir creation) has finished or failed. */
let setupDone = false;

/** Masks the password of a connection URL for logging. */
function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<unparsable DATABASE_URL>";
  }
}

function adminClient(url) {
  return postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10, idle_timeout: 1 });
}

async function createDatabase(adminUrl) {
  const name = `apphooks_e2e_${randomBytes(6).toString("hex")}`;
  const sql = adminClient(adminUrl);
  try {
    await sql.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
  // Record only after successful creation, so we never drop something we did not create.
  created.database = name;
  created.adminUrl = adminUrl;
  const childUrl = new URL(adminUrl);
  childUrl.pathname = `/${name}`;
  log(`created database ${name}`);
  return childUrl.toString();
}

async function dropDatabase() {
  const name = created.database;
  if (!name) return;
  const sql = adminClient(created.adminUrl);
  try {
    await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    created.database = null;
    log(`dropped database ${name}`);
  } catch (err) {
    log(`failed to drop database ${name}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await sql.end({ timeout: 5 }).catch(() => {});
  }
}

async function removeTempDir() {
  const dir = created.tempDir;
  if (!dir) return;
  try {
    await rm(dir, { recursive: true, force: true });
    created.tempDir = "";
    log(`removed ${dir}`);
  } catch (err) {
    log(`failed to remove ${dir}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Stops the child (SIGTERM, then SIGKILL after a timeout) and resolves once it has exited. */
function stopChild() {
  const c = child;
  if (!c || c.pid === undefined || c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      log(`server did not exit within ${CHILD_STOP_TIMEOUT_MS / 1000}s, sending SIGKILL`);
      c.kill("SIGKILL");
    }, CHILD_STOP_TIMEOUT_MS);
    c.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    c.kill("SIGTERM");
  });
}

function exitCodeOf(code, signal) {
  if (typeof code === "number") return code;
  // Killed by a signal: a clean stop if we (or Playwright, via the process group) asked for it.
  if (signalled && signal !== "SIGKILL") return 0;
  return signal === "SIGKILL" ? 137 : 1;
}

/** Stops the server, removes what this script created, exits with the server's exit code. */
async function shutdown(fallbackCode) {
  if (shuttingDown) return;
  shuttingDown = true;
  await stopChild();
  await dropDatabase();
  await removeTempDir();
  const exited = child !== null && (child.exitCode !== null || child.signalCode !== null);
  process.exit(exited && child ? exitCodeOf(child.exitCode, child.signalCode) : fallbackCode);
}

for (const sig of /** @type {const} */ (["SIGTERM", "SIGINT"])) {
  process.on(sig, () => {
    if (signalled) return; // second Ctrl-C etc.: cleanup is already running
    signalled = true;
    log(`received ${sig}, shutting down`);
    // During setup, main() notices `signalled` once creation finished, so nothing is leaked.
    if (setupDone) void shutdown(0);
  });
}

async function main() {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    log("no production build found (.next/BUILD_ID missing). Run `npx next build` first.");
    process.exit(1);
  }

  const env = { ...process.env };
  env.NODE_ENV = "production";
  env.AUTH_SECRET = randomBytes(32).toString("base64");
  env.ENCRYPTION_KEY = randomBytes(32).toString("base64");
  env.AUTH_TRUST_HOST = "true";
  env.AUTH_URL = `http://${host}:${port}`;
  env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
  env.SEED_DEMO = "false";
  // The first retry comes 10 minutes after a failure (not 5 s): e2e/deliveries.spec.ts sees it still pending.
  env.DELIVERY_RETRY_SCHEDULE = "0,10m,30m,2h,5h,10h,10h,10h";

  if (process.env.DATABASE_URL) {
    log(`using Postgres at ${redact(process.env.DATABASE_URL)}`);
    env.DATABASE_URL = await createDatabase(process.env.DATABASE_URL);
    delete env.PGLITE_DIR;
  } else {
    created.tempDir = await mkdtemp(path.join(tmpdir(), "apphooks-e2e-pglite-"));
    env.PGLITE_DIR = created.tempDir;
    delete env.DATABASE_URL;
    log(`using PGlite in ${created.tempDir}`);
  }

  setupDone = true;
  // A signal may have arrived while we were setting up: clean up without starting the server.
  if (signalled) {
    await shutdown(0);
    return;
  }

  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  child = spawn(process.execPath, [nextBin, "start", "-p", port, "-H", host], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  child.on("error", (err) => {
    log(`failed to start server: ${err.message}`);
    void shutdown(1);
  });
  child.on("exit", (code, signal) => {
    if (!shuttingDown) log(`server exited (code ${code}, signal ${signal})`);
    void shutdown(1);
  });
}

main().catch(async (err) => {
  setupDone = true;
  log(`error: ${err instanceof Error ? err.stack : String(err)}`);
  await shutdown(1);
});
