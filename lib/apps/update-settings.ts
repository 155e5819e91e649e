import "server-only";
import { NO_ORIGIN, type Origin } from "@/lib/audit/origin";
import { recordAudit } from "@/lib/audit/record";
import { requireApp } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { transaction } from "@/lib/db/client";
import { type AppSettingsRow, lockAppInTeam, updateAppRow } from "@/lib/db/queries/apps";
import type { App } from "@/lib/db/schema";
import { notFound } from "@/lib/errors";
import { emit } from "@/lib/events/emit";
import { appSettingsInput } from "@/lib/validation/app-settings";
import { parseInput } from "@/lib/validation/parse";
import { appEventFacts } from "./app-event-facts";

/** The field codes of `settingsChange` (docs/events.md#json-payload: `data.changes` = a list of `{field, from, to}`). */
export type SettingsField = "name" | "description" | "icon_url" | "install_password";

/**
 * One changed setting. The install password is never put in an event: its `from` / `to` say only
 * "(set)", "(changed)" or "(removed)" (null when there was none).
 */
export type SettingsChange = { field: SettingsField; from: string | null; to: string | null };

export const SETTINGS_FIELD_LABELS: Record<SettingsField, string> = {
  name: "App name",
  description: "Description",
  icon_url: "Icon URL",
  install_password: "Install password",
};

function samePassword(stored: string, typed: string): boolean {
  try {
    return decryptSecret(stored) === typed;
  } catch {
    // Unreadable (e.g. encrypted under an older key): treat the typed one as a change.
    return false;
  }
}

/** The one-line summary that becomes the payload's `notes`. */
function summary(changes: SettingsChange[]): string {
  return `Changed: ${changes
    .map((change) => {
      const what = SETTINGS_FIELD_LABELS[change.field];
      if (change.field === "install_password") return `${what} ${change.to?.replace(/[()]/g, "")}`;
      if (change.field === "description") return `${what} updated`;
      return `${what} “${change.from ?? ""}” → “${change.to ?? ""}”`;
    })
    .join("; ")}.`;
}

export type SettingsOutcome = { app: App; changes: SettingsChange[] };

/**
 * Setting → General (admins): updates the app's name, description, icon URL and install password (stored
 * encrypted; blank keeps it, `removeInstallPassword` removes it) and emits `settingsChange` with the fields
 * that changed, and records them in the audit log, in the same transaction. Nothing changed: nothing is
 * written and no event is emitted.
 */
export async function updateAppSettings(
  actor: Actor,
  appKey: string,
  input: unknown,
  /** "merge" (the API's PATCH): fields left out keep their values, read under the app's lock. */
  mode: "replace" | "merge" = "replace",
  origin: Origin = NO_ORIGIN,
): Promise<SettingsOutcome> {
  const { app } = await requireApp(actor, appKey, "admin");
  if (mode === "replace") parseInput(appSettingsInput, input);
  return transaction(async (tx) => {
    const current = await lockAppInTeam(tx, app.id, app.teamId);
    if (!current) throw notFound("App");
    const stored = { name: current.name, description: current.description, iconUrl: current.iconUrl ?? "" };
    const values = parseInput(
      appSettingsInput,
      mode === "merge" && input && typeof input === "object" ? { ...stored, ...input } : input,
    );
    const changes: SettingsChange[] = [];
    const set: Partial<AppSettingsRow> = {};
    if (values.name !== current.name) {
      changes.push({ field: "name", from: current.name, to: values.name });
      set.name = values.name;
    }
    if (values.description !== current.description) {
      changes.push({ field: "description", from: current.description, to: values.description });
      set.description = values.description;
    }
    if (values.iconUrl !== current.iconUrl) {
      changes.push({ field: "icon_url", from: current.iconUrl, to: values.iconUrl });
      set.iconUrl = values.iconUrl;
    }
    const password = current.installPasswordEncrypted;
    if (values.installPassword) {
      if (!password || !samePassword(password, values.installPassword)) {
        changes.push({
          field: "install_password",
          from: password ? "(set)" : null,
          to: password ? "(changed)" : "(set)",
        });
        set.installPasswordEncrypted = encryptSecret(values.installPassword);
      }
    } else if (values.removeInstallPassword && password) {
      changes.push({ field: "install_password", from: "(set)", to: "(removed)" });
      set.installPasswordEncrypted = null;
    }
    if (changes.length === 0) return { app: current, changes };

    const updated = await updateAppRow(tx, app.id, set);
    if (!updated) throw notFound("App");
    await emit(tx, {
      type: "settingsChange",
      teamId: updated.teamId,
      app: updated,
      facts: { ...(await appEventFacts(tx, updated)), notes: summary(changes), data: { changes } },
    });
    // The install password's "(set)"/"(changed)" words are not stored: the audit log records it as a secret.
    await recordAudit(tx, actor, origin, {
      teamId: updated.teamId,
      kind: "app.updated",
      app: updated,
      changes,
    });
    return { app: updated, changes };
  });
}
