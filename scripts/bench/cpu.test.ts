import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { processTree, startCpuMeter, titleDatabase } from "./cpu";

describe("titleDatabase", () => {
  it("reads the database of a client backend, with or without a cluster name", () => {
    expect(titleDatabase("postgres: 15/main: postgres apphooks_bench_ab12 127.0.0.1(45678) idle")).toBe(
      "apphooks_bench_ab12",
    );
    expect(titleDatabase("postgres: alice shop 10.0.0.1(5000) SELECT")).toBe("shop");
    expect(titleDatabase("postgres: alice shop [local] idle in transaction")).toBe("shop");
  });

  it("tells background processes (null) from the postmaster (undefined)", () => {
    expect(titleDatabase("postgres: 15/main: checkpointer")).toBeNull();
    expect(titleDatabase("postgres: 15/main: logical replication launcher")).toBeNull();
    expect(titleDatabase("postgres: walwriter")).toBeNull();
    expect(
      titleDatabase("/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main"),
    ).toBeUndefined();
  });
});

describe.runIf(process.platform === "linux")("startCpuMeter", () => {
  it("counts a process tree's CPU, including a grandchild that exited during the measurement", async () => {
    // sh → node busy for 150 ms of CPU, then exits; sh reaps it (its CPU moves to sh's cutime) and sleeps.
    const busy = "const end = process.cpuUsage().user + 150000; while (process.cpuUsage().user < end);";
    const shell = spawn("sh", ["-c", `sleep 0.2; ${process.execPath} -e '${busy}'; sleep 5`], {
      stdio: "ignore",
    });
    const pid = shell.pid ?? 0;
    const meter = startCpuMeter({
      tree: { kind: "tree", pid },
      other: { kind: "pids", pids: [] },
      none: null,
    });
    const nodeRuns = () => processTree(pid).some((process) => process.comm === "node");
    // The grandchild starts, is seen in the tree, and exits while the meter runs.
    await expect.poll(nodeRuns, { timeout: 10_000, interval: 10 }).toBe(true);
    await expect.poll(nodeRuns, { timeout: 10_000, interval: 20 }).toBe(false);
    const spent = meter.stop();
    shell.kill("SIGKILL");
    expect(spent.tree).toBeGreaterThanOrEqual(120);
    expect(spent.other).toBe(0);
    expect(spent.none).toBeNull();
  });
});
