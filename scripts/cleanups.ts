/**
 * The clean-up steps of a test script (databases, servers, workers it started), run once in reverse order at
 * its end, or when it is interrupted (then it exits 130). A failing step is logged and the others still run.
 */
export function exitCleanups(log: (message: string) => void) {
  const steps: Array<() => Promise<void> | void> = [];
  let running: Promise<void> | undefined;
  const run = (): Promise<void> => {
    running ??= (async () => {
      for (const step of steps.splice(0).reverse()) {
        try {
          await step();
        } catch (error) {
          log(`cleanup: ${String(error)}`);
        }
      }
    })();
    return running;
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      log(`${signal}: cleaning up`);
      void run().then(() => process.exit(130));
    });
  }
  return { add: (step: () => Promise<void> | void) => void steps.push(step), run };
}
