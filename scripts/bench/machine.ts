/** The machine a result was measured on. */
import { cpus, release, totalmem } from "node:os";

export type Machine = {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  os: string;
  database: string;
};

export function machine(database: string): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${process.platform} ${release()}`,
    database,
  };
}
