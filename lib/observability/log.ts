import "server-only";
import pino, { type Logger } from "pino";
import { logLevel } from "@/lib/env";
import { currentRequest } from "./request-context";

export type { Logger };

/**
 * The level from LOG_LEVEL, read on its own: the logger exists before the environment is parsed (which would
 * fix it for good) and must log even when the rest of it is invalid. A bad value is refused by env() at start-up.
 */
function level(): string {
  const parsed = logLevel.safeParse(process.env.LOG_LEVEL || undefined);
  return parsed.success ? parsed.data : "info";
}

/**
 * The process's logger (docs/operations.md#logs): one JSON object a line on stdout, with the level's name, an
 * ISO time, pid and host, the request id of the /api request being served, and the fields each call adds
 * (workerId, deliveryId, eventId…). In development (`npm run dev`) the lines go through pino-pretty instead.
 * `destination` replaces stdout (tests).
 */
export function createLogger(destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: level(),
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const request = currentRequest();
      return request ? { requestId: request.requestId } : {};
    },
  };
  if (destination) return pino(options, destination);
  if (process.env.NODE_ENV === "development") {
    // A worker thread that formats the lines for a terminal (a devDependency: development only).
    return pino({
      ...options,
      formatters: {},
      transport: {
        target: "pino-pretty",
        options: { translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" },
      },
    });
  }
  return pino(options);
}

// On globalThis: instrumentation and the routes are bundled apart, and share one logger (one stdout stream).
const holder = globalThis as typeof globalThis & { __apphooksLog?: Logger };

holder.__apphooksLog ??= createLogger();
export const log: Logger = holder.__apphooksLog;
