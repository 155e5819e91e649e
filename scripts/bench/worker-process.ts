/**
 * A standalone delivery worker process (`npm run worker`, i.e. tsx scripts/worker.ts), as a deployment that
 * runs web and workers separately starts it (README). Used by the bench's topology step and the scale-out test.
 */
import { spawn } from "node:child_process";
import path from "node:path";

export type WorkerHandle = {
  pid: number;
  /** The last lines the worker printed. */
  output(): string;
  /** SIGTERM (the worker finishes its sends in flight), then SIGKILL after 15 s; resolves once it exited. */
  stop(): Promise<void>;
};

/** Starts a worker with `env` in its own process group; resolves once it reports that it started. */
export async function startWorkerProcess(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<WorkerHandle> {
  const root = process.cwd();
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const child = spawn(process.execPath, [tsx, "scripts/worker.ts"], {
    cwd: root,
    env: { ...env, NODE_OPTIONS: "" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const pid = child.pid ?? 0;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // already gone
    }
  };
  const handle: WorkerHandle = {
    pid,
    output: () => output,
    stop: async () => {
      if (exited()) return;
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), 15_000);
      await exit;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (!/delivery worker \S+ started/.test(output)) {
    if (exited()) throw new Error(`the worker exited during start-up:\n${output.slice(-4000)}`);
    if (Date.now() > deadline) {
      await handle.stop();
      throw new Error(`the worker did not start in time:\n${output.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return handle;
}
