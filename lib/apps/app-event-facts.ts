import "server-only";
import type { Tx } from "@/lib/db/client";
import { latestVersion, versionFacts } from "@/lib/db/queries/events";
import type { App } from "@/lib/db/schema";
import type { EventFacts } from "@/lib/domain/event-facts";

/**
 * The facts of an event about the app itself (settings, transfer, deletion): the app's latest visible
 * version, and the app's own created / updated times as the subject's.
 */
export async function appEventFacts(
  tx: Tx,
  app: App,
): Promise<Pick<EventFacts, "version" | "subjectCreatedAt" | "subjectUpdatedAt">> {
  const latest = await latestVersion(tx, app.id);
  return {
    version: latest ? versionFacts(latest) : null,
    subjectCreatedAt: app.createdAt.toISOString(),
    subjectUpdatedAt: app.updatedAt.toISOString(),
  };
}
