/**
 * How a script starts TypeScript server code under plain Node (`npm run worker` does the same): tsx compiles
 * it, and the `react-server` condition resolves the `server-only` marker that every server module imports
 * (docs/architecture.md#layers) to its empty module, as in the Next.js server. Without the condition the
 * marker throws: it cannot tell a Node process from a browser bundle.
 */
export const SERVER_NODE_ARGS = ["--conditions=react-server", "--import", "tsx"];
