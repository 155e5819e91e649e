/**
 * How a script starts TypeScript server code under plain Node (`npm run worker` does the same): tsx compiles
 * it, and the `react-server` condition resolves the `server-only` marker that every server module imports
 * (docs/architecture.md#layers) to its empty module, as in the Next.js server. Without the condition the
 * marker throws: it cannot tell a Node process from a browser bundle.
 */
export const SERVER_NODE_ARGS = ["--conditions=react-server", "--import", "tsx"];

/**
 * The heap cap `npm start` and `npm run worker` run with (package.json; a test keeps them equal): besides the
 * cap, V8 sizes the old generation's growth by it — below 2 GB it lets the heap grow to ~1.4 × the live data
 * between major collections instead of up to 4 ×, which halves the resident memory under load
 * (docs/operations.md#memory). The bench and the tests start their servers and workers with it too.
 */
export const HEAP_NODE_ARGS = ["--max-old-space-size=512"];
