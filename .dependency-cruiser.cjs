// The import rules of docs/architecture.md#layers, checked by `npm run lint:imports` (part of `npm run lint`).
// Tests (*.test.ts) may reach across layers to set things up; the rules apply to the code they test.

/** Modules without server-only code: the browser may load them (they import no server module at run time). */
const CLIENT_SAFE = [
  "^lib/domain/",
  "^lib/validation/",
  "^lib/format\\.ts$",
  "^lib/errors\\.ts$",
  "^lib/safe-redirect\\.ts$",
  "^lib/http/",
  "^lib/webhooks/snippets\\.ts$",
];
const TESTS = "\\.test\\.tsx?$";
const OUR_CODE = "^(app|components|lib|scripts|test|e2e)/|^[^/]+\\.(ts|tsx|mjs)$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No module imports itself through others (type-only imports included).",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-circular-lib-folders",
      severity: "error",
      comment: "Nor do the folders of lib/ import each other in a circle (e.g. lib/events and lib/delivery).",
      scope: "folder",
      from: { path: "^lib/" },
      to: { path: "^lib/", circular: true },
    },
    {
      name: "domain-is-a-leaf",
      severity: "error",
      comment: "lib/domain is the vocabulary: it imports nothing of ours but itself, and no package but zod.",
      from: { path: "^lib/domain/", pathNot: TESTS },
      to: { pathNot: ["^lib/domain/", "^node_modules/zod/"] },
    },
    {
      name: "db-imports-only-domain",
      severity: "error",
      comment:
        "lib/db (schema, client, queries) builds on lib/domain only, plus the two leaves every layer may use: " +
        "the environment (lib/env.ts) and the error log (lib/log-error.ts).",
      from: { path: "^lib/db/", pathNot: TESTS },
      to: {
        path: OUR_CODE,
        pathNot: ["^lib/db/", "^lib/domain/", "^lib/env\\.ts$", "^lib/log-error\\.ts$"],
      },
    },
    {
      name: "lib-not-to-app",
      severity: "error",
      comment: "lib/ never imports upward: not app/, components/, scripts/, test/ nor a root file.",
      from: { path: "^lib/", pathNot: TESTS },
      to: { path: OUR_CODE, pathNot: "^lib/" },
    },
    {
      name: "components-not-to-db",
      severity: "error",
      comment:
        "components/ render what they are given: they never import lib/db at run time " +
        "(naming a row's type with `import type` is erased before bundling).",
      from: { path: "^components/", pathNot: TESTS },
      to: { path: "^lib/db/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "components-not-to-server-only",
      severity: "error",
      comment:
        "components/ may be loaded in the browser: at run time they import only client-safe modules " +
        "(see CLIENT_SAFE), never a module that imports server-only.",
      from: { path: "^components/", pathNot: TESTS },
      to: {
        path: "^lib/|^node_modules/server-only/",
        pathNot: CLIENT_SAFE,
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "client-safe-stays-client-safe",
      severity: "error",
      comment: "What components may load stays loadable in the browser: it imports no server module.",
      from: { path: CLIENT_SAFE, pathNot: TESTS },
      to: {
        path: "^lib/|^node_modules/server-only/",
        pathNot: CLIENT_SAFE,
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "engine-without-framework",
      severity: "error",
      comment:
        "The delivery engine runs in the standalone worker, the tests and the bench: no React, no next/*.",
      from: { path: "^lib/delivery/" },
      to: { path: "^node_modules/(next|next-auth|react|react-dom)/" },
    },
    {
      name: "not-to-tests",
      severity: "error",
      comment: "Only tests import tests and their helpers (test/).",
      from: { path: "^(app|components|lib)/|^[^/]+\\.tsx?$", pathNot: TESTS },
      to: { path: ["^test/", TESTS] },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "Every import resolves (a moved file leaves no stale path behind).",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  required: [
    {
      name: "server-modules-import-server-only",
      severity: "error",
      comment:
        "Every module of lib/ that is not client-safe imports server-only, so a component that reached it would " +
        "fail the build. lib/db/schema.ts is the exception: drizzle-kit loads it outside any React condition.",
      module: { path: "^lib/", pathNot: [...CLIENT_SAFE, TESTS, "^lib/db/schema\\.ts$"] },
      to: { path: "^node_modules/server-only/" },
    },
  ],
  options: {
    doNotFollow: { path: "^node_modules/" },
    // Tests (and their helpers in test/) may reach across layers to set things up: the rules are for the code.
    exclude: { path: ["^(\\.next|\\.data|bench|test)/", TESTS] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".d.ts"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
  },
};
