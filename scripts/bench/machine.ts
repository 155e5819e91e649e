/** The machine a result was measured on. */
import { cpus, loadavg, release, totalmem } from "node:os";

export type Machine = {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  os: string;
  database: string;
  /** 1-minute load average when the run started and when it ended: other work on the box skews results. */
  load: { start: number; end: number };
};

/** The 1-minute load average now. */
export const load = (): number => Math.round((loadavg()[0] ?? 0) * 100) / 100;

export function machine(database: string, loadAtStart: number): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${process.platform} ${release()}`,
    database,
    load: { start: loadAtStart, end: load() },
  };
}
