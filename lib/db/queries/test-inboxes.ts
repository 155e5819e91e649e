import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { INBOX_PATH, type InboxMode, type InboxSignature } from "@/lib/domain/test-inbox";
import { type Db, db, type Tx } from "../client";
import { rowsOf } from "../rows";
import { type TestInbox, type TestInboxRequest, testInboxes, testInboxRequests } from "../schema";

/**
 * An inbox for "Use a test inbox": one of the team's that no webhook uses and nothing has reached (an earlier
 * click whose form was never saved), else a new one while the team has fewer than `perTeam`; null when it has
 * them all in use. Serialised per team (in the caller's transaction), so two clicks at once never pass the limit.
 */
export async function takeTestInbox(
  tx: Tx,
  teamId: string,
  token: string,
  perTeam: number,
): Promise<{ inbox: TestInbox; created: boolean } | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`test-inbox:${teamId}`}))`);
  const [unused] = rowsOf<{ id: string }>(
    await tx.execute(sql`
      select i.id from test_inboxes i
      where i.team_id = ${teamId}
        and not exists (
          select 1 from webhooks w join apps a on a.id = w.app_id
          where a.team_id = i.team_id and strpos(w.url, i.token) > 0)
        and not exists (select 1 from test_inbox_requests r where r.inbox_id = i.id)
      order by i.created_at desc
      limit 1`),
  );
  if (unused) {
    const [inbox] = await tx.select().from(testInboxes).where(eq(testInboxes.id, unused.id));
    return inbox ? { inbox, created: false } : null;
  }
  const [{ count } = { count: 0 }] = rowsOf<{ count: number }>(
    await tx.execute(sql`select count(*)::int as count from test_inboxes where team_id = ${teamId}`),
  );
  if (count >= perTeam) return null;
  const [inbox] = await tx.insert(testInboxes).values({ teamId, token }).returning();
  return inbox ? { inbox, created: true } : null;
}

export async function findTestInbox(token: string, conn?: Db): Promise<TestInbox | undefined> {
  const handle = conn ?? (await db());
  const [inbox] = await handle.select().from(testInboxes).where(eq(testInboxes.token, token));
  return inbox;
}

export async function setTestInboxMode(inboxId: string, mode: InboxMode, conn?: Db | Tx): Promise<void> {
  const handle = conn ?? (await db());
  await handle.update(testInboxes).set({ mode }).where(eq(testInboxes.id, inboxId));
}

/**
 * The live signing secrets (encrypted) of the team's webhooks whose URL names this inbox (by its token: how the
 * URL is spelled, or a query after it, does not matter).
 */
export async function inboxWebhookSecrets(
  teamId: string,
  token: string,
  conn?: Db,
): Promise<Array<{ webhookId: string; secrets: string[] }>> {
  const handle = conn ?? (await db());
  const rows = rowsOf<{ id: string; current: string | null; previous: string | null }>(
    await handle.execute(sql`
      select w.id,
             w.signing_secret_encrypted as current,
             case when w.previous_secret_expires_at > now() then w.previous_signing_secret_encrypted end as previous
      from webhooks w join apps a on a.id = w.app_id
      where a.team_id = ${teamId} and strpos(w.url, ${`${INBOX_PATH}${token}`}) > 0`),
  );
  return rows.map((row) => ({
    webhookId: row.id,
    secrets: [row.current, row.previous].filter((secret): secret is string => secret !== null),
  }));
}

export type NewInboxRequest = {
  method: string;
  headers: Record<string, string>;
  body: string;
  signature: InboxSignature;
  webhookId: string | null;
  via: "engine" | "http";
  answerStatus: number;
  answerDelayMs: number;
};

/** Records a request and, in the same statement, drops the inbox's requests beyond the newest `keep`. */
export async function insertInboxRequest(
  inboxId: string,
  request: NewInboxRequest,
  keep: number,
  conn?: Db,
): Promise<void> {
  const handle = conn ?? (await db());
  await handle.execute(sql`
    with added as (
      insert into test_inbox_requests
        (inbox_id, method, headers, body, signature, webhook_id, via, answer_status, answer_delay_ms)
      values (${inboxId}, ${request.method}, ${JSON.stringify(request.headers)}::jsonb, ${request.body},
              ${request.signature}, ${request.webhookId}, ${request.via}, ${request.answerStatus},
              ${request.answerDelayMs})
      returning id
    )
    delete from test_inbox_requests
    where id in (
      select id from test_inbox_requests where inbox_id = ${inboxId}
      order by received_at desc, id desc offset ${keep - 1}
    )`);
}

export async function listInboxRequests(
  inboxId: string,
  limit: number,
  conn?: Db,
): Promise<TestInboxRequest[]> {
  const handle = conn ?? (await db());
  return handle
    .select()
    .from(testInboxRequests)
    .where(eq(testInboxRequests.inboxId, inboxId))
    .orderBy(desc(testInboxRequests.receivedAt), desc(testInboxRequests.id))
    .limit(limit);
}

/**
 * Retention for test inboxes: requests received before `before` go, and so do inboxes created before it that no
 * webhook of their team targets any more. Returns how many rows went.
 */
export async function purgeTestInboxes(before: Date, conn?: Db): Promise<number> {
  const handle = conn ?? (await db());
  const requests = rowsOf(
    await handle.execute(sql`
      delete from test_inbox_requests where received_at < ${before.toISOString()} returning id`),
  );
  const inboxes = rowsOf(
    await handle.execute(sql`
      delete from test_inboxes i
      where i.created_at < ${before.toISOString()}
        and not exists (
          select 1 from webhooks w join apps a on a.id = w.app_id
          where a.team_id = i.team_id and strpos(w.url, i.token) > 0)
      returning id`),
  );
  return requests.length + inboxes.length;
}
