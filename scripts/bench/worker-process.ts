/**
 * A standalone delivery worker process (`npm run worker`: scripts/worker.ts under tsx), as a deployment that
 * runs web and workers separately starts it (README). Used by the bench's topology step and the scale-out test.
 */
import { spawn } from "node:child_process";
import { HEAP_NODE_ARGS, SERVER_NODE_ARGS } from "../server-node";
import { supervise } from "./processes";

export type WorkerHandle = {
  pid: number;
  /** The last lines the worker printed. */
  output(): string;
  /** SIGTERM (the worker finishes its sends in flight), then SIGKILL after 15 s; resolves once it exited. */
  stop(): Promise<void>;
  /** How it ended: its exit code, or the signal that killed it (null while it runs). */
  exitStatus(): { code: number | null; signal: NodeJS.Signals | null } | null;
};

/** Starts a worker with `env` in its own process group; resolves once it reports that it started. */
export async function startWorkerProcess(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<WorkerHandle> {
  const child = spawn(process.execPath, [...HEAP_NODE_ARGS, ...SERVER_NODE_ARGS, "scripts/worker.ts"], {
    cwd: process.cwd(),
    env: { ...env, NODE_OPTIONS: "" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const supervised = supervise(child);
  const handle: WorkerHandle = {
    pid: supervised.pid,
    output: supervised.output,
    stop: supervised.stop,
    exitStatus: supervised.exitStatus,
  };
  const { exited } = supervised;
  const deadline = Date.now() + timeoutMs;
  while (!/delivery worker \S+ started/.test(handle.output())) {
    if (exited()) throw new Error(`the worker exited during start-up:\n${handle.output().slice(-4000)}`);
    if (Date.now() > deadline) {
      await handle.stop();
      throw new Error(`the worker did not start in time:\n${handle.output().slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return handle;
}
