import "server-only";
import type { EventType } from "@/lib/domain/event-catalog";
import type { EventFacts, VersionFacts } from "@/lib/domain/event-facts";
import type { PlatformCode } from "@/lib/domain/platforms";
import type { Database } from "../client";
import { DELIVERY_CHANNEL } from "./events";

/** The subject row an ingested event stores beside it (its id and time are chosen by the caller). */
export type IngestSubject =
  | { table: "versions"; version: string; build: string; sizeBytes: number; notes: string }
  | {
      table: "feedback";
      content: string;
      contact: string;
      device: string;
      appVersion: string | null;
      build: string | null;
    }
  | {
      table: "crash_reports";
      exception: string;
      stack: string;
      device: string;
      appVersion: string | null;
      build: string | null;
      occurrences: number;
    };

/**
 * One event of an ingest statement: everything but what only the database knows (the app's name and platform,
 * the version a report concerns), which the statement adds to `facts`.
 */
export type IngestRow = {
  eventId: string;
  type: EventType;
  subjectId: string;
  /** The subject's and the event's created_at (a timestamptz literal: microseconds keep a batch in order). */
  at: string;
  subject: IngestSubject;
  facts: Omit<EventFacts, "app" | "version">;
  /**
   * The event's `version`: known already (an upload, or a version uploaded earlier in the same batch), looked
   * up by version and build ("exact", `fallback` when the app has no such build), or the app's latest visible
   * one ("latest", null when none).
   */
  version:
    | { known: VersionFacts }
    | { exact: { version: string; build: string }; fallback: VersionFacts }
    | { latest: true };
  /** The platform the event says the app is (`device_type`), checked against the app's. */
  platform: PlatformCode | null;
};

export type IngestOutcome =
  | { kind: "stored"; deliveries: number[] }
  | { kind: "noApp" }
  | { kind: "wrongPlatform"; platform: PlatformCode }
  /** A webhook made before signing secrets existed: nothing stored; the caller takes the slow path. */
  | { kind: "legacyWebhook" };

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The ingest API's events in ONE statement (one round trip, prepared on Postgres): finds and share-locks the
 * team's app and its enabled webhooks, stores each event's subject (version, feedback or crash report), the
 * events with their facts, one delivery per subscribed webhook with its target snapshot, and wakes the workers
 * (NOTIFY, delivered at commit). All or nothing: when the app is not the team's, an event names another
 * platform, or a webhook still lacks its signing secret, nothing is stored and the outcome says why.
 * The delivery target is the same snapshot as `deliveryTarget` in lib/events/emit.ts (a test compares them).
 */
const INGEST_SQL = `
with input as (
  select *
  from jsonb_to_recordset($3::jsonb) as i(
    event_id text, type text, subject_id uuid, at timestamptz, subject text,
    version text, build text, size_bytes bigint, notes text, content text, contact text, device text,
    exception text, stack text, occurrences int, facts jsonb, known_version jsonb, exact_version text,
    exact_build text, fallback_version jsonb, platform text)
),
app as (
  select a.id, a.app_key, a.name, a.platform::text as platform
  from apps a
  where a.team_id = $1::uuid and a.app_key = $2::text
  for share
),
hooks as (
  select w.id, w.app_id, w.name, w.url, w.type, w.language, w.secret_encrypted, w.events,
         w.signing_secret_encrypted,
         case when w.previous_signing_secret_encrypted is not null and w.previous_secret_expires_at > now()
              then jsonb_build_array(w.signing_secret_encrypted, w.previous_signing_secret_encrypted)
              else jsonb_build_array(w.signing_secret_encrypted) end as signing_secrets
  from webhooks w join app on w.app_id = app.id
  where w.enabled
  order by w.id
  for share of w
),
ok as (
  select app.* from app
  where not exists (select 1 from input i where i.platform is not null and i.platform <> app.platform)
    and not exists (select 1 from hooks h where h.signing_secret_encrypted is null)
),
new_versions as (
  insert into versions (id, app_id, version, build, size_bytes, notes, created_at, updated_at)
  select i.subject_id, ok.id, i.version, i.build, i.size_bytes, i.notes, i.at, i.at
  from input i cross join ok where i.subject = 'versions'
  returning id
),
new_feedback as (
  insert into feedback (id, app_id, content, contact, device, app_version, build, created_at)
  select i.subject_id, ok.id, i.content, i.contact, i.device, i.version, i.build, i.at
  from input i cross join ok where i.subject = 'feedback'
  returning id
),
new_crashes as (
  insert into crash_reports (id, app_id, exception, stack, device, app_version, build, occurrences, created_at)
  select i.subject_id, ok.id, i.exception, i.stack, i.device, i.version, i.build, i.occurrences, i.at
  from input i cross join ok where i.subject = 'crash_reports'
  returning id
),
new_events as (
  insert into events (id, team_id, app_id, type, facts, created_at)
  select i.event_id, $1::uuid, ok.id, i.type,
         i.facts || jsonb_build_object(
           'app', jsonb_build_object('key', ok.app_key, 'name', ok.name, 'platform', ok.platform),
           'version', coalesce(i.known_version, found.facts, i.fallback_version)),
         i.at
  from input i
  cross join ok
  left join lateral (
    select jsonb_build_object('version', v.version, 'build', v.build, 'sizeBytes', v.size_bytes,
             'notes', v.notes, 'createdAt', ${iso("v.created_at")}, 'updatedAt', ${iso("v.updated_at")}) as facts
    from versions v
    where i.known_version is null and v.app_id = ok.id
      and ((i.exact_version is not null and v.version = i.exact_version and v.build = i.exact_build)
           or (i.exact_version is null and i.fallback_version is null and not v.hidden))
    order by v.created_at desc
    limit 1
  ) found on true
  returning id, type
),
new_deliveries as (
  insert into deliveries (event_id, webhook_id, app_id, target)
  select e.id, h.id, h.app_id,
         jsonb_build_object('name', h.name, 'url', h.url, 'type', h.type, 'language', h.language,
           'secretEncrypted', h.secret_encrypted, 'signingSecretsEncrypted', h.signing_secrets)
  from new_events e join hooks h on e.type = any (h.events)
  returning event_id
)
select
  (select platform from app) as platform,
  exists (select 1 from hooks where signing_secret_encrypted is null) as legacy,
  (select count(*) from ok)::int as ok,
  coalesce((select jsonb_object_agg(event_id, n)
            from (select event_id, count(*)::int as n from new_deliveries group by event_id) c), '{}') as counts,
  (select pg_notify('${DELIVERY_CHANNEL}', '') from new_deliveries limit 1) is not null as notified`;

type IngestResultRow = {
  platform: PlatformCode | null;
  legacy: boolean;
  ok: number;
  counts: Record<string, number> | string;
};

function inputRecord(row: IngestRow): Record<string, unknown> {
  const s = row.subject;
  return {
    event_id: row.eventId,
    type: row.type,
    subject_id: row.subjectId,
    at: row.at,
    subject: s.table,
    version: s.table === "versions" ? s.version : s.appVersion,
    build: s.build,
    size_bytes: s.table === "versions" ? s.sizeBytes : null,
    notes: s.table === "versions" ? s.notes : null,
    content: s.table === "feedback" ? s.content : null,
    contact: s.table === "feedback" ? s.contact : null,
    device: s.table === "versions" ? null : s.device,
    exception: s.table === "crash_reports" ? s.exception : null,
    stack: s.table === "crash_reports" ? s.stack : null,
    occurrences: s.table === "crash_reports" ? s.occurrences : null,
    facts: row.facts,
    known_version: "known" in row.version ? row.version.known : null,
    exact_version: "exact" in row.version ? row.version.exact.version : null,
    exact_build: "exact" in row.version ? row.version.exact.build : null,
    fallback_version: "fallback" in row.version ? row.version.fallback : null,
    platform: row.platform,
  };
}

/** Runs the ingest statement for the team's app (see INGEST_SQL); `deliveries` per row, in order. */
export async function ingestRows(
  database: Database,
  teamId: string,
  appKey: string,
  rows: IngestRow[],
): Promise<IngestOutcome> {
  const records = JSON.stringify(rows.map((row) => inputRecord(row)));
  const [result] = await database.query<IngestResultRow>(INGEST_SQL, [teamId, appKey, records]);
  if (!result || result.platform === null) return { kind: "noApp" };
  if (result.legacy) return { kind: "legacyWebhook" };
  if (result.ok === 0) return { kind: "wrongPlatform", platform: result.platform };
  const counts = (typeof result.counts === "string" ? JSON.parse(result.counts) : result.counts) as Record<
    string,
    number
  >;
  return { kind: "stored", deliveries: rows.map((row) => counts[row.eventId] ?? 0) };
}

/**
 * Gives the app's webhooks that were made before signing secrets existed their first one (`secret()` makes an
 * encrypted one each). A webhook another request gave one meanwhile keeps it.
 */
export async function giveSigningSecrets(
  database: Database,
  teamId: string,
  appKey: string,
  secret: () => string,
): Promise<void> {
  const rows = await database.query<{ id: string }>(
    `select w.id from webhooks w join apps a on a.id = w.app_id
     where a.team_id = $1::uuid and a.app_key = $2::text and w.signing_secret_encrypted is null`,
    [teamId, appKey],
  );
  for (const { id } of rows) {
    await database.query(
      "update webhooks set signing_secret_encrypted = $2::text where id = $1::uuid and signing_secret_encrypted is null",
      [id, secret()],
    );
  }
}

/** Which of these uploads (`version + "\n" + build`) the team's app already has. */
export async function existingUploads(
  database: Database,
  teamId: string,
  appKey: string,
  keys: string[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await database.query<{ key: string }>(
    `select v.version || E'\n' || v.build as key
     from versions v join apps a on a.id = v.app_id
     where a.team_id = $1::uuid and a.app_key = $2::text and v.version || E'\n' || v.build = any ($3::text[])`,
    [teamId, appKey, keys],
  );
  return new Set(rows.map((row) => row.key));
}
