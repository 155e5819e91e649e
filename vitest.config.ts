import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Project root without trailing slash, so "@/lib/x" resolves to "<root>/lib/x" (matches tsconfig paths).
const root = path.resolve(fileURLToPath(new URL(".", import.meta.url)));

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Tests run server modules in Node, which is server-side: their `import "server-only"` (a marker that
      // fails client bundles, docs/architecture.md#layers) resolves to its empty module, as Next's own jest
      // setup does.
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.next/**", "e2e/**", "**/.git/**", "**/.data/**"],
    environment: "node",
    setupFiles: ["./test/setup-env.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
  },
});
