/**
 * A throwaway Postgres cluster: initdb in a temporary folder and pg_ctl on a spare loopback port, from
 * Debian's postgresql package (installed with apt-get when missing and root). Run as the `postgres` user when
 * this process is root (initdb refuses root). Only this cluster is ever stopped or removed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

export type Cluster = {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  dir: string;
  stop(mode?: "fast" | "immediate"): void;
  start(): void;
  /** Stops the cluster (immediately) and removes its folder. */
  destroy(): void;
};

function postgresBin(log: (message: string) => void): string {
  const find = () => {
    const root = "/usr/lib/postgresql";
    if (!existsSync(root)) return null;
    const versions = readdirSync(root)
      .filter((name) => existsSync(path.join(root, name, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    return versions[0] ? path.join(root, versions[0], "bin") : null;
  };
  const found = find();
  if (found) return found;
  if (userInfo().uid !== 0) {
    throw new Error(
      "Postgres server binaries not found: install Debian's postgresql (apt-get install -y postgresql)",
    );
  }
  log("installing postgresql with apt-get (initdb and pg_ctl are missing)…");
  execFileSync("apt-get", ["install", "-y", "postgresql"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  const installed = find();
  if (!installed) throw new Error("apt-get install postgresql did not provide initdb");
  return installed;
}

export function createCluster(
  port: number,
  log: (message: string) => void,
  settings: Record<string, string> = {},
): Cluster {
  const bin = postgresBin(log);
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "apphooks-faults-pg-"));
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "postgres.log");
  if (asRoot) {
    const ids = execFileSync("id", ["-u", "postgres"]).toString().trim();
    const gid = execFileSync("id", ["-g", "postgres"]).toString().trim();
    chownSync(dir, Number(ids), Number(gid));
  }
  const run = (tool: string, args: string[], allowFailure = false) => {
    const command = path.join(bin, tool);
    const result = asRoot
      ? spawnSync("runuser", ["-u", "postgres", "--", command, ...args], { encoding: "utf8" })
      : spawnSync(command, args, { encoding: "utf8" });
    if (result.status !== 0 && !allowFailure) {
      throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
    }
    return result;
  };
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const options = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
  ].join(" ");
  let alive = false;
  const cluster: Cluster = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir,
    start() {
      run("pg_ctl", ["-D", data, "-l", logFile, "-o", options, "-w", "-t", "60", "start"]);
      alive = true;
    },
    stop(mode = "fast") {
      run("pg_ctl", ["-D", data, "-m", mode, "-w", "-t", "60", "stop"], true);
      alive = false;
    },
    destroy() {
      if (alive || existsSync(path.join(data, "postmaster.pid"))) cluster.stop("immediate");
      rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}
