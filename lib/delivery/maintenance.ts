import "server-only";
import { type Database, database as processDatabase } from "@/lib/db/client";
import { logError } from "@/lib/log-error";
import { log } from "@/lib/observability/log";
import { type AlertConfig, type SentAlert, sendAlerts } from "./alerts";
import {
  type AutoDisableRule,
  autoDisableRule,
  type DisabledWebhook,
  disableFailingWebhooks,
} from "./auto-disable";
import { type PurgeCounts, purgeExpired, retentionMs } from "./retention";

export type MaintenanceOptions = {
  /** The database to work on; the process's by default. */
  database?: Database;
  /** The clock; `new Date()` by default. */
  now?: () => Date;
  /** Overrides of the automatic-disable rule (from the environment by default). */
  rule?: Partial<Omit<AutoDisableRule, "now">>;
  /** How long deliveries are kept; DELIVERY_RETENTION_DAYS by default. */
  retentionMs?: number;
  /** Stops a purge between batches. */
  signal?: AbortSignal;
  /** Overrides of the alerts' settings (SMTP, base URL, throttle; from the environment by default). */
  alerts?: Partial<AlertConfig>;
};

export type MaintenanceReport = { disabled: DisabledWebhook[]; alerts: SentAlert[]; purged: PurgeCounts };

/**
 * One pass: turns off webhooks that meet the automatic-disable rule, sends the alerts that webhooks' states call
 * for (docs/alerts.md: a minute at most after the change), then purges what retention allows. A failure of the
 * alerts is logged and does not stop the purge.
 */
export async function runMaintenance(options: MaintenanceOptions = {}): Promise<MaintenanceReport> {
  const conn = (options.database ?? (await processDatabase())).db;
  const now = options.now?.() ?? new Date();
  const disabled = await disableFailingWebhooks({ ...autoDisableRule(now), ...options.rule }, conn);
  for (const webhook of disabled)
    log.warn({ webhookId: webhook.id }, `webhook turned off: ${webhook.reason}`);
  let alerts: SentAlert[] = [];
  try {
    alerts = await sendAlerts({ conn, now, config: options.alerts });
  } catch (error) {
    logError("alerts", error);
  }
  const purged = await purgeExpired(
    { now, retentionMs: options.retentionMs ?? retentionMs(), signal: options.signal },
    conn,
  );
  if (purged.deliveries + purged.events + purged.auditEntries > 0) {
    log.info(
      { purged },
      `retention: purged ${purged.deliveries} deliveries, ${purged.events} events and ${purged.auditEntries} audit entries`,
    );
  }
  return { disabled, alerts, purged };
}

export type Maintenance = {
  /** Stops the loop and waits for a pass in progress (a purge stops at its next batch). */
  stop(): Promise<void>;
};

/**
 * Runs maintenance now and then every `intervalMs` (a minute by default) until stopped, beside a delivery
 * worker. Several processes may each run it: every step is safe to run concurrently. Errors are logged and the
 * next pass tries again.
 */
export function startMaintenance(
  options: Omit<MaintenanceOptions, "signal"> & { intervalMs?: number } = {},
): Maintenance {
  const intervalMs = options.intervalMs ?? 60_000;
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const pass = () => {
    running = runMaintenance({ ...options, signal: abort.signal })
      .then(() => undefined)
      .catch((error) => logError("maintenance", error))
      .finally(() => {
        if (abort.signal.aborted) return;
        timer = setTimeout(pass, intervalMs);
        timer.unref?.();
      });
  };
  pass();

  return {
    async stop() {
      abort.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
