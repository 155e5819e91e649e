/**
 * CPU time of the bench's processes over a step, from /proc/<pid>/stat (Linux): utime + stime, plus cutime +
 * cstime (the CPU of children that exited and were reaped during the step: Postgres backends that closed,
 * a forked worker that ended). Summing all four over a set of processes at the start and at the end of a step
 * gives the set's CPU in between, as long as the parents stay in the set.
 *
 * Groups measured (see scripts/bench/README.md, "CPU per event"):
 * - the server: a pid and every live descendant (`next start` may fork; the real server can be a child);
 * - Postgres, two ways. "Box": every process on the box whose name is `postgres` (postmaster with its reaped
 *   backends, backends, checkpointer, WAL writer…): this includes any other Postgres work on the box during the
 *   step, e.g. other test suites on the same server. "Ours": the client backends connected to the step's
 *   database(s), told apart by their process title (`postgres: [cluster: ]user database host(port) state`),
 *   plus the server's shared background processes (WAL writer, checkpointer…; they also serve other databases);
 *   backends of other databases and the postmaster (whose child time sums every exited backend) are left out,
 *   and so is a backend of ours that exits before the step ends (connection pools keep theirs open).
 *   With PGlite, Postgres runs inside the server process and is counted there;
 * - the receiver and the load driver (this process), reported apart so nobody adds them to the server's.
 */

import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks a second (USER_HZ): 100 on Linux unless `getconf CLK_TCK` says otherwise. */
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

type Stat = { pid: number; comm: string; ppid: number; ticks: number };

/**
 * The database of a Postgres client backend from its process title: the name for a client backend, null for
 * a background process (checkpointer, walwriter…), undefined for the postmaster (its plain command line).
 */
export function titleDatabase(title: string): string | null | undefined {
  if (!title.startsWith("postgres: ")) return undefined;
  const words = title.slice("postgres: ".length).trim().split(/\s+/);
  if (words[0]?.endsWith(":")) words.shift(); // cluster_name prefix, e.g. "15/main:"
  // A client backend: "user database host(port) state…"; background processes have fixed names.
  return words.length >= 3 && /\(\d+\)$|^\[local\]$/.test(words[2] ?? "") ? (words[1] ?? null) : null;
}

function backendDatabase(pid: number): string | null | undefined {
  try {
    return titleDatabase(readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim());
  } catch {
    return undefined;
  }
}

/** Postgres processes doing the work of `databases`: their backends and the shared background processes. */
function ownPostgres(stats: Stat[], databases: string[]): Stat[] {
  return stats.filter((stat) => {
    if (stat.comm !== "postgres") return false;
    const database = backendDatabase(stat.pid);
    if (database === undefined) return false;
    return database === null || databases.includes(database);
  });
}

/** One /proc/<pid>/stat, or null when the process is gone (or this is not Linux). */
function readStat(pid: number): Stat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")".
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  const fields = text.slice(close + 2).split(" ");
  // Fields after comm, 0-based: 0 state, 1 ppid, … 11 utime, 12 stime, 13 cutime, 14 cstime.
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
  return { pid, comm: text.slice(open + 1, close), ppid: Number(fields[1]), ticks };
}

function allStats(): Stat[] {
  let names: string[];
  try {
    names = readdirSync("/proc");
  } catch {
    return [];
  }
  const stats: Stat[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) stats.push(stat);
  }
  return stats;
}

/** A set of processes whose CPU the bench adds up. */
export type ProcessSet =
  | { kind: "tree"; pid: number }
  | { kind: "pids"; pids: number[] }
  | { kind: "named"; comm: string }
  | { kind: "postgres"; databases: string[] }
  | { kind: "self" };

/** CPU milliseconds of the set so far (a counter: only differences mean anything). */
function cpuMs(set: ProcessSet, stats: Stat[]): number {
  if (set.kind === "self") {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
  let chosen: Stat[];
  if (set.kind === "named") chosen = stats.filter((stat) => stat.comm === set.comm);
  else if (set.kind === "postgres") chosen = ownPostgres(stats, set.databases);
  else if (set.kind === "pids") chosen = stats.filter((stat) => set.pids.includes(stat.pid));
  else {
    const inTree = treeOf(set.pid, stats);
    chosen = stats.filter((stat) => inTree.has(stat.pid));
  }
  return (chosen.reduce((sum, stat) => sum + stat.ticks, 0) * 1000) / ticksPerSecond;
}

/** A pid and its live descendants (`next start` may fork: the process answering can be a child). */
function treeOf(pid: number, stats: Stat[]): Set<number> {
  const inTree = new Set([pid]);
  // Parents usually come before children in pid order, but not always: repeat until nothing joins.
  for (let grew = true; grew; ) {
    grew = false;
    for (const stat of stats) {
      if (!inTree.has(stat.pid) && inTree.has(stat.ppid)) {
        inTree.add(stat.pid);
        grew = true;
      }
    }
  }
  return inTree;
}

/** The processes of a pid's tree, with their names (for the report: where the server's CPU came from). */
export function processTree(pid: number): Array<{ pid: number; comm: string }> {
  const stats = allStats();
  const inTree = treeOf(pid, stats);
  return stats.filter((stat) => inTree.has(stat.pid)).map(({ pid, comm }) => ({ pid, comm }));
}

export type CpuSets<K extends string> = Record<K, ProcessSet | null>;
export type CpuReading<K extends string> = Record<K, number | null>;

/**
 * Starts a meter over named sets of processes; `stop()` returns each set's CPU milliseconds since the start
 * (null for a set given as null: not measured).
 */
export function startCpuMeter<K extends string>(sets: CpuSets<K>): { stop(): CpuReading<K> } {
  const read = () => {
    const stats = allStats();
    const reading = {} as CpuReading<K>;
    for (const key of Object.keys(sets) as K[]) {
      const set = sets[key];
      reading[key] = set ? cpuMs(set, stats) : null;
    }
    return reading;
  };
  const start = read();
  return {
    stop: () => {
      const end = read();
      const spent = {} as CpuReading<K>;
      for (const key of Object.keys(sets) as K[]) {
        const a = start[key];
        const b = end[key];
        spent[key] = a === null || b === null ? null : b - a;
      }
      return spent;
    },
  };
}

/** The CPU of one measured step, in ms, by group; `perEvent` = (server + Postgres) / delivered events. */
export type StepCpu = {
  serverMs: number;
  /** The step's database backends and Postgres's background processes (null with PGlite: inside the server). */
  postgresMs: number | null;
  /** Every `postgres` process on the box, other work included (null with PGlite). */
  postgresBoxMs: number | null;
  receiverMs: number | null;
  driverMs: number;
  /** Wall-clock ms the meter ran. */
  wallMs: number;
  /** Events accepted in the step whose every delivery arrived before the meter stopped. */
  events: number;
  perEventMs: number;
};

/** The database name of a postgres:// URL (for StepSets.postgres). */
export const databaseOf = (url: string): string => decodeURIComponent(new URL(url).pathname.slice(1));

export type StepSets = {
  server: ProcessSet;
  /** The databases the step uses on the Postgres server of this box; null with PGlite (inside the server). */
  postgres: { databases: string[] } | null;
  receiverPid: number | null;
};

/** A meter over the server, Postgres, the receiver and this process (the load driver). */
export function meterStep(sets: StepSets): { stop(events: number): StepCpu } {
  const startedAt = performance.now();
  const meter = startCpuMeter({
    server: sets.server,
    postgres: sets.postgres ? ({ kind: "postgres", databases: sets.postgres.databases } as const) : null,
    postgresBox: sets.postgres ? ({ kind: "named", comm: "postgres" } as const) : null,
    receiver: sets.receiverPid ? ({ kind: "pids", pids: [sets.receiverPid] } as const) : null,
    driver: { kind: "self" } as const,
  });
  return {
    stop: (events) => {
      const spent = meter.stop();
      const serverMs = spent.server ?? 0;
      const postgresMs = spent.postgres;
      return {
        serverMs,
        postgresMs,
        postgresBoxMs: spent.postgresBox,
        receiverMs: spent.receiver,
        driverMs: spent.driver ?? 0,
        wallMs: performance.now() - startedAt,
        events,
        perEventMs: events > 0 ? (serverMs + (postgresMs ?? 0)) / events : Number.NaN,
      };
    },
  };
}
