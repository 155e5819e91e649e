import "server-only";
import { NO_ORIGIN, type Origin } from "@/lib/audit/origin";
import { recordAudit } from "@/lib/audit/record";
import { requireApp, requireTeam } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { randomKey } from "@/lib/crypto/tokens";
import { transaction } from "@/lib/db/client";
import {
  findTestInbox,
  listInboxRequests,
  setTestInboxMode,
  takeTestInbox,
} from "@/lib/db/queries/test-inboxes";
import type { TestInbox, TestInboxRequest } from "@/lib/db/schema";
import { maskUrl } from "@/lib/domain/mask-url";
import type { Role } from "@/lib/domain/roles";
import { INBOX_LIMITS, type InboxMode, inboxTokenOf, inboxUrl, isInboxToken } from "@/lib/domain/test-inbox";
import { appBaseUrl } from "@/lib/env";
import { AppError, notFound, type Text, text } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { inboxModeInput } from "@/lib/validation/test-inbox";

export type InboxView = { token: string; url: string; mode: InboxMode; teamId: string };

/** A received request as the inbox page shows it (JSON: the page's first render and its live route). */
export type InboxRequestJson = Omit<TestInboxRequest, "inboxId" | "receivedAt"> & {
  receivedAt: string;
};

function requestJson({ inboxId: _inbox, ...row }: TestInboxRequest): InboxRequestJson {
  return { ...row, receivedAt: row.receivedAt.toISOString() };
}

function viewOf(inbox: TestInbox): InboxView {
  const url = inboxUrl(appBaseUrl(), inbox.token);
  return { token: inbox.token, url, mode: inbox.mode, teamId: inbox.teamId };
}

/** An inbox of one of the caller's teams; another team's, or no such token, is "not found". */
async function ownedInbox(actor: Actor, token: string, minimum: Role): Promise<TestInbox & { role: Role }> {
  const inbox = isInboxToken(token) ? await findTestInbox(token) : undefined;
  if (!inbox) throw notFound("Test inbox");
  try {
    const { role } = await requireTeam(actor, inbox.teamId, minimum);
    return { ...inbox, role };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") throw notFound("Test inbox");
    throw error;
  }
}

/**
 * "Use a test inbox" in an app's webhook form (admins): an inbox of the app's team and its URL, a new one
 * recorded in the audit log (an unused one from an earlier click is given again).
 */
export async function createTestInbox(
  actor: Actor,
  appKey: string,
  origin: Origin = NO_ORIGIN,
): Promise<InboxView> {
  const { app } = await requireApp(actor, appKey, "admin");
  return transaction(async (tx) => {
    const taken = await takeTestInbox(tx, app.teamId, randomKey(32), INBOX_LIMITS.perTeam);
    if (!taken)
      throw new AppError("limit_reached", text("inbox.limitReached", { max: INBOX_LIMITS.perTeam }));
    const view = viewOf(taken.inbox);
    if (taken.created) {
      await recordAudit(tx, actor, origin, {
        teamId: app.teamId,
        kind: "inbox.created",
        app,
        target: { id: taken.inbox.id, name: maskUrl(view.url) },
      });
    }
    return view;
  });
}

/** What arrived, newest first (at most INBOX_LIMITS.requests are kept). */
const requestsOf = async (inbox: TestInbox) =>
  (await listInboxRequests(inbox.id, INBOX_LIMITS.requests)).map(requestJson);

/**
 * The inbox page: the inbox, the caller's role in its team (members read it; admins change what it answers)
 * and what arrived so far, behind one access check.
 */
export async function getTestInbox(
  actor: Actor,
  token: string,
): Promise<InboxView & { role: Role; requests: InboxRequestJson[] }> {
  const inbox = await ownedInbox(actor, token, "member");
  return { ...viewOf(inbox), role: inbox.role, requests: await requestsOf(inbox) };
}

/** What arrived (the inbox page's live route). */
export async function inboxRequests(actor: Actor, token: string): Promise<InboxRequestJson[]> {
  return requestsOf(await ownedInbox(actor, token, "member"));
}

/** Sets what the inbox answers (admins), recorded in the audit log. */
export async function setInboxMode(
  actor: Actor,
  token: string,
  input: unknown,
  origin: Origin = NO_ORIGIN,
): Promise<InboxView> {
  const inbox = await ownedInbox(actor, token, "admin");
  const { mode } = parseInput(inboxModeInput, input);
  if (mode !== inbox.mode) {
    await transaction(async (tx) => {
      await setTestInboxMode(inbox.id, mode, tx);
      await recordAudit(tx, actor, origin, {
        teamId: inbox.teamId,
        kind: "inbox.answer_changed",
        target: { id: inbox.id, name: maskUrl(viewOf(inbox).url) },
        changes: [{ field: "answer", from: inbox.mode, to: mode }],
      });
    });
  }
  return viewOf({ ...inbox, mode });
}

/**
 * A webhook URL that names a test inbox (docs/delivery.md#test-inbox) is accepted only when the inbox is the
 * team's own; it is delivered inside AppHooks, so the address check does not apply. Null: not an inbox URL.
 */
export async function checkInboxTarget(
  teamId: string,
  url: string,
): Promise<{ ok: true } | { ok: false; text: Text } | null> {
  const token = inboxTokenOf(url, appBaseUrl());
  if (!token) return null;
  const inbox = await findTestInbox(token);
  return inbox?.teamId === teamId ? { ok: true } : { ok: false, text: text("url.inboxUnknown") };
}
