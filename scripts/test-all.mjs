#!/usr/bin/env node
// The single test command (`npm test`). Runs, in order, stopping at the first failure with its exit code:
//   typecheck (tsc) → lint (biome) → import rules (dependency-cruiser: .dependency-cruiser.cjs) → unit tests (vitest)
//   → build (next build) → e2e (playwright)
//   → shutdown (scripts/shutdown.ts: SIGTERM mid-burst to next start, and to npm run worker on Postgres)
//   → scale-out (scripts/scale-out.ts: 2 web servers + 3 workers on Postgres; skipped without DATABASE_URL)
// Env:
//   E2E_SKIP_BUILD=1   skip `next build` (an up-to-date build in .next is assumed, e.g. in .ci/run)
//   CHROMIUM_PATH      Chromium executable for Playwright (default /usr/bin/chromium)
//   DATABASE_URL       if set, e2e and shutdown run against that Postgres server (in a throw-away database); else
//                      PGlite; the scale-out step and the shutdown test's worker scenario run only when it is set

import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Absolute path of a package's bin script, read from its package.json "bin" field. */
function binPath(pkg, name) {
  const pkgDir = path.join(root, "node_modules", ...pkg.split("/"));
  const manifestPath = path.join(pkgDir, "package.json");
  if (!existsSync(manifestPath)) {
    throw new Error(`${pkg} is not installed (missing ${manifestPath}); run \`npm install\``);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const rel = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.[name];
  if (!rel) throw new Error(`${pkg} has no "${name}" bin`);
  return path.join(pkgDir, rel);
}

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** On a fresh Debian machine where we are root, install Debian packages the tests need (a no-op elsewhere). */
function installDebianPackages(packages, why) {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (packages.length === 0 || !root || !existsSync("/usr/bin/apt-get")) return;
  console.log(`\n${why}: installing Debian's ${packages.join(", ")} (apt-get install -y)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  spawnSync("apt-get", ["install", "-y", "-qq", ...packages], { stdio: "inherit", env });
}

/** Whether a command runs (`<command> --version`). */
const runs = (command) => !spawnSync(command, ["--version"], { stdio: "ignore" }).error;

/** The receiver snippets' test (test/snippets.test.ts) runs the PHP and Python ones with Debian's php-cli and python3. */
function ensureSnippetRuntimes() {
  const missing = [
    ["php", "php-cli"],
    ["python3", "python3"],
  ].filter(([command]) => !runs(command));
  installDebianPackages(
    missing.map(([, pkg]) => pkg),
    "The receiver snippets' test needs them",
  );
  return true;
}

/** @type {{ name: string, pkg: string, bin: string, args: string[], skip?: string, before?: () => boolean }[]} */
const steps = [
  { name: "typecheck (tsc --noEmit)", pkg: "typescript", bin: "tsc", args: ["--noEmit"] },
  { name: "lint (biome check .)", pkg: "@biomejs/biome", bin: "biome", args: ["check", "."] },
  {
    name: "import rules (dependency-cruiser)",
    pkg: "dependency-cruiser",
    bin: "depcruise",
    args: ["app", "components", "lib", "proxy.ts", "instrumentation.ts", "scripts/worker.ts"],
  },
  {
    name: "unit tests (vitest run)",
    pkg: "vitest",
    bin: "vitest",
    args: ["run"],
    before: ensureSnippetRuntimes,
  },
  {
    name: "build (next build)",
    pkg: "next",
    bin: "next",
    args: ["build"],
    skip: process.env.E2E_SKIP_BUILD === "1" ? "E2E_SKIP_BUILD=1" : undefined,
  },
  {
    name: "e2e tests (playwright test)",
    pkg: "@playwright/test",
    bin: "playwright",
    args: ["test"],
    before: () => {
      if (!existsSync(chromiumPath) && !process.env.CHROMIUM_PATH) {
        installDebianPackages(["chromium"], "Chromium is missing");
      }
      if (!existsSync(chromiumPath)) {
        console.error(
          `\nChromium not found at ${chromiumPath}.\n` +
            "The e2e tests use the system Chromium (never `npx playwright install`). Install it with:\n" +
            "    sudo apt-get install -y chromium\n" +
            "or point CHROMIUM_PATH at an existing Chromium/Chrome executable.\n",
        );
        return false;
      }
      return true;
    },
  },
  {
    name: "shutdown (SIGTERM mid-burst)",
    pkg: "tsx",
    bin: "tsx",
    args: ["--conditions=react-server", "scripts/shutdown.ts"],
  },
  {
    name: "scale-out (2 web + 3 workers, Postgres)",
    pkg: "tsx",
    bin: "tsx",
    args: ["--conditions=react-server", "scripts/scale-out.ts"],
    skip: process.env.DATABASE_URL ? undefined : "DATABASE_URL is not set: the scale-out test needs Postgres",
  },
];

/** @type {{ name: string, status: "ok" | "failed" | "skipped" | "not run", seconds: number }[]} */
const results = steps.map((s) => ({ name: s.name, status: "not run", seconds: 0 }));

/** @type {import("node:child_process").ChildProcess | null} */
let current = null;
for (const sig of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.on(sig, () => {
    // Ctrl-C already reaches the child through the terminal's process group; forward SIGTERM explicitly.
    if (current && sig === "SIGTERM") current.kill(sig);
  });
}

function run(command, args) {
  return new Promise((resolve) => {
    current = spawn(command, args, { cwd: root, stdio: "inherit", shell: false, env: process.env });
    current.on("error", (err) => {
      console.error(`failed to start ${command}: ${err.message}`);
      current = null;
      resolve(1);
    });
    current.on("exit", (code, signal) => {
      current = null;
      if (typeof code === "number") resolve(code);
      else resolve(signal === "SIGINT" ? 130 : signal === "SIGTERM" ? 143 : 1);
    });
  });
}

function printSummary() {
  const width = Math.max(...results.map((r) => r.name.length));
  console.log("\n== summary ==");
  for (const r of results) {
    const time = r.status === "ok" || r.status === "failed" ? `${r.seconds.toFixed(1)}s` : "-";
    console.log(`  ${r.name.padEnd(width)}  ${r.status.padEnd(7)}  ${time}`);
  }
}

const started = Date.now();
let exitCode = 0;
for (const [i, step] of steps.entries()) {
  const result = results[i];
  if (!result) continue;
  if (step.skip) {
    console.log(`\n== ${step.name}: skipped (${step.skip}) ==`);
    result.status = "skipped";
    continue;
  }
  console.log(`\n== ${step.name} ==`);
  const t0 = Date.now();
  let code;
  if (step.before && !step.before()) {
    code = 1;
  } else {
    try {
      code = await run(process.execPath, [binPath(step.pkg, step.bin), ...step.args]);
    } catch (err) {
      console.error(err instanceof Error ? err.message : String(err));
      code = 1;
    }
  }
  result.seconds = (Date.now() - t0) / 1000;
  result.status = code === 0 ? "ok" : "failed";
  console.log(`== ${step.name}: ${result.status} in ${result.seconds.toFixed(1)}s ==`);
  if (code !== 0) {
    exitCode = code;
    break;
  }
}

printSummary();
console.log(
  `\n${exitCode === 0 ? "all steps passed" : `FAILED (exit code ${exitCode})`} in ${((Date.now() - started) / 1000).toFixed(1)}s`,
);
process.exit(exitCode);
