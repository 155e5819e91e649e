/**
 * The real processes the bench and the fault test drive: the receiver (scripts/bench/receiver.mjs, a
 * separate Node process) and the production server (`next start` with its in-process delivery worker).
 */
import { type ChildProcess, fork, spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { HEAP_NODE_ARGS } from "../server-node";

const root = process.cwd();

/** One delivery that a receiver answered with 2xx. */
export type Arrival = {
  at: number;
  server: string;
  path: string;
  webhookId: string;
  /** The body's event_id (only with parseBody). */
  eventId: string | null;
};

export type ReceiverServer = {
  name: string;
  mode: "ok" | "hang" | "flaky" | "down" | "slow";
  port?: number;
  failRate?: number;
  downMs?: number;
  /** How long a "slow" server takes to answer, ms. */
  delayMs?: number;
  parseBody?: boolean;
};

export type ReceiverHandle = {
  ports: Record<string, number>;
  /** The receiver's process (its CPU is reported apart from the server's). */
  pid: number;
  url(server: string, route: string): string;
  /** Called for every batch of arrivals (in arrival order within a batch). */
  onArrivals(listener: (arrivals: Arrival[]) => void): void;
  /** A delivery as the receiver got it (headers and body), for the raw-limit measurement. */
  sample(): Promise<{ headers: Record<string, string>; body: string } | null>;
  /**
   * Requests counted on /raw and refused by flaky servers so far, and those a slow server has not answered yet
   * (also flushes pending arrivals first).
   */
  counts(): Promise<{ raw: number; rejected: number; inFlight: number }>;
  /** Starts the clock of the "down" servers. */
  go(): void;
  stop(): Promise<void>;
};

type ReceiverMessage =
  | { type: "ready"; ports: Record<string, number> }
  | { type: "arrivals"; arrivals: Array<[number, string, string, string, string | null]> }
  | { type: "sample"; sample: { headers: Record<string, string>; body: string } | null }
  | { type: "counts"; raw: number; rejected: number; inFlight: number };

export async function startReceiver(servers: ReceiverServer[]): Promise<ReceiverHandle> {
  const child = fork(path.join(root, "scripts/bench/receiver.mjs"), [JSON.stringify({ servers })], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    execArgv: [],
  });
  const listeners: Array<(arrivals: Arrival[]) => void> = [];
  const waiting = new Map<string, Array<(message: ReceiverMessage) => void>>();
  const ports = await new Promise<Record<string, number>>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the receiver exited (code ${code})`)));
    child.on("message", (message: ReceiverMessage) => {
      if (message.type === "ready") resolve(message.ports);
      else if (message.type === "arrivals") {
        const arrivals = message.arrivals.map(([at, server, route, webhookId, eventId]) => ({
          at,
          server,
          path: route,
          webhookId,
          eventId,
        }));
        for (const listener of listeners) listener(arrivals);
      } else {
        for (const resolveOne of waiting.get(message.type)?.splice(0) ?? []) resolveOne(message);
      }
    });
  });
  // A receiver stopped meanwhile (e.g. by a signal's cleanup) makes questions fail, not the process crash.
  child.on("error", () => {});
  const ask = <T extends ReceiverMessage["type"]>(type: T) =>
    new Promise<Extract<ReceiverMessage, { type: T }>>((resolve, reject) => {
      if (!child.connected) return reject(new Error("the receiver has stopped"));
      const list = waiting.get(type) ?? [];
      list.push(resolve as (message: ReceiverMessage) => void);
      waiting.set(type, list);
      child.send({ type }, (error) => error && reject(error));
    });
  return {
    ports,
    pid: child.pid ?? 0,
    url: (server, route) => `http://127.0.0.1:${ports[server]}${route}`,
    onArrivals: (listener) => listeners.push(listener),
    sample: async () => (await ask("sample")).sample,
    counts: async () => {
      const { raw, rejected, inFlight } = await ask("counts");
      // The arrivals flushed before the answer have been dispatched by now (IPC keeps the order).
      return { raw, rejected, inFlight };
    },
    go: () => {
      if (child.connected) child.send({ type: "go" });
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      if (child.connected) child.send({ type: "stop" });
      else child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A loopback TCP port that nothing listens on right now. */
export async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type ServerHandle = {
  port: number;
  origin: string;
  pid: number;
  /** The last lines the server printed (for error messages and checks). */
  output(): string;
  /** SIGTERM, then SIGKILL after 15 s; resolves once it exited. */
  stop(): Promise<void>;
  /** SIGKILL to its whole process group, at once. */
  kill(): Promise<void>;
  exited(): boolean;
  /** How it ended: its exit code, or the signal that killed it (null while it runs). */
  exitStatus(): { code: number | null; signal: NodeJS.Signals | null } | null;
};

/** Servers started by this process and still running: stopped by stopStartedServers (signal handlers). */
const started = new Set<ServerHandle>();

/** Stops every server this process started that still runs, including one still starting up. */
export async function stopStartedServers(): Promise<void> {
  await Promise.all([...started].map((server) => server.stop()));
}

export function hasProductionBuild(): boolean {
  return existsSync(path.join(root, ".next", "BUILD_ID"));
}

/**
 * A child started in its own process group (`detached`): the last 20,000 characters it printed (also appended to
 * `logFile`), and its group stopped with SIGTERM (SIGKILL after 15 s) or killed.
 */
export function supervise(child: ChildProcess, logFile?: string) {
  let output = "";
  const log = logFile ? createWriteStream(logFile, { flags: "a" }) : null;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
    log?.write(chunk);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const pid = child.pid ?? 0;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const exitStatus = () => (exited() ? { code: child.exitCode, signal: child.signalCode } : null);
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // already gone
    }
  };
  return {
    pid,
    output: () => output,
    exited,
    exitStatus,
    exit,
    async stop() {
      if (exited()) return;
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), 15_000);
      await exit;
      clearTimeout(timer);
    },
    async kill() {
      if (exited()) return;
      signal("SIGKILL");
      await exit;
    },
  };
}

/** Runs `npx next build` when there is no production build yet. */
export async function ensureProductionBuild(log: (message: string) => void): Promise<void> {
  if (hasProductionBuild()) return;
  log("no production build (.next/BUILD_ID): running `next build` first…");
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (exit code ${code})`);
}

/**
 * Starts `next start` as `npm start` does (HEAP_NODE_ARGS) on 127.0.0.1:port in its own process group with `env`, and resolves once it answers
 * HTTP and its delivery worker has started (unless DELIVERY_WORKER=off).
 */
export async function startServer(options: {
  port: number;
  env: NodeJS.ProcessEnv;
  /** Node flags for the server process, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Appends everything the server prints to this file. */
  logFile?: string;
  timeoutMs?: number;
}): Promise<ServerHandle> {
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const env = { ...options.env, NODE_OPTIONS: "" };
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      ...HEAP_NODE_ARGS,
      nextBin,
      "start",
      "-p",
      String(options.port),
      "-H",
      "127.0.0.1",
    ],
    { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  const supervised = supervise(child, options.logFile);
  const origin = `http://127.0.0.1:${options.port}`;
  const handle: ServerHandle = {
    port: options.port,
    origin,
    pid: supervised.pid,
    output: supervised.output,
    exited: supervised.exited,
    stop: supervised.stop,
    kill: supervised.kill,
    exitStatus: supervised.exitStatus,
  };
  const { exited } = supervised;
  const output = () => supervised.output();
  started.add(handle);
  void supervised.exit.then(() => started.delete(handle));
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const workerOn = (options.env.DELIVERY_WORKER ?? "on") === "on";
  for (;;) {
    if (exited()) throw new Error(`next start exited during start-up:\n${output().slice(-4000)}`);
    if (Date.now() > deadline) {
      await handle.kill();
      throw new Error(`next start did not become ready in time:\n${output().slice(-4000)}`);
    }
    const answered = await fetch(`${origin}/login`)
      .then((response) => response.status < 500)
      .catch(() => false);
    if (answered && (!workerOn || output().includes("delivery worker"))) return handle;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
