import "server-only";
import { z } from "zod";
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponsesObject,
} from "zod-openapi";
import { MAX_WEBHOOKS_PER_APP } from "@/lib/domain/webhook-limit";
import { createAppInput } from "@/lib/validation/app";
import { appSettingsPatchInput, deleteAppInput } from "@/lib/validation/app-settings";
import { auditListQuery } from "@/lib/validation/audit";
import {
  deliveryListQuery,
  MAX_RESEND_FAILED,
  resendFailedInput,
  sendTestInput,
} from "@/lib/validation/delivery";
import { ingestBody, MAX_BATCH_EVENTS } from "@/lib/validation/ingest";
import { webhookInput, webhookPatchInput } from "@/lib/validation/webhook";
import {
  appList,
  appResource,
  auditEntryResource,
  auditPage,
  deliveryDetail,
  deliveryPage,
  deliverySummary,
  drainResult,
  errorBody,
  ingestBatchResult,
  ingestResult,
  resendFailedResult,
  testResult,
  webhookList,
  webhookResource,
} from "./schemas";
import { webhooksSection } from "./webhook-payloads";

/** What each error status means in this API; every operation lists the ones it can answer. */
const ERRORS = {
  400: "Invalid input: `error.fields` names each field with its problem (also for a body that is not valid JSON).",
  401: "No valid API key: send `Authorization: Bearer ahk_…` with a key that is not revoked.",
  403: "The key's access (Read-only, Admin, Owner) does not allow this, as the same role in the dashboard.",
  404: "Not found, or it belongs to another team (never revealed).",
  409: "Conflicts with the current state (see the message).",
  413: "The body is too large.",
  415: "The body is not sent as `Content-Type: application/json`.",
  429: "Too many requests for this key: retry after the `Retry-After` seconds.",
  503: "The database is unavailable: retry in a moment.",
} as const;

type ErrorStatus = keyof typeof ERRORS;

const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });

/** Responses: the success, then each listed error status with the one error shape, and a default (500). */
function responses(
  success: Record<number, { description: string; schema?: z.ZodType }>,
  errors: ErrorStatus[],
  overrides: Partial<Record<ErrorStatus, string>> = {},
): ZodOpenApiResponsesObject {
  const out: ZodOpenApiResponsesObject = {};
  for (const [status, { description, schema }] of Object.entries(success)) {
    out[status as `${1 | 2 | 3 | 4 | 5}${string}`] = schema
      ? { description, ...json(schema) }
      : { description };
  }
  for (const status of [...errors, 401, 429, 503] as ErrorStatus[]) {
    out[`${status}`] = { description: overrides[status] ?? ERRORS[status], ...json(errorBody) };
  }
  out.default = { description: "Something went wrong on our side (500).", ...json(errorBody) };
  return out;
}

const appKey = z
  .string()
  .meta({ description: "The app's key (My Apps → the app).", example: "k7m2x9p4q8r3t6w2" });
const webhookId = z.uuid().meta({ description: "The webhook's id." });
const deliveryId = z.uuid().meta({ description: "The delivery's id." });
const appPath = z.object({ appKey });
const webhookPath = z.object({ appKey, webhookId });
const deliveryPath = z.object({ deliveryId });
const auditEntryPath = z.object({ entryId: z.uuid().meta({ description: "The audit entry's id." }) });

const WRITE_BODY: ErrorStatus[] = [400, 413, 415];

function op(tag: string, operation: ZodOpenApiOperationObject): ZodOpenApiOperationObject {
  return { tags: [tag], security: [{ apiKey: [] }], ...operation };
}

const paths: ZodOpenApiPathsObject = {
  "/api/v1/apps": {
    get: op("Apps", {
      operationId: "listApps",
      summary: "List the team's apps",
      description: "The API key's team's apps, newest first, with their latest version and webhook count.",
      responses: responses({ 200: { description: "The apps.", schema: appList } }, []),
    }),
    post: op("Apps", {
      operationId: "createApp",
      summary: "Create an app",
      description: "As My Apps → Create app. Admin or Owner keys.",
      requestBody: { required: true, ...json(createAppInput) },
      responses: responses({ 201: { description: "The new app.", schema: appResource } }, [
        ...WRITE_BODY,
        403,
      ]),
    }),
  },
  "/api/v1/apps/{appKey}": {
    get: op("Apps", {
      operationId: "getApp",
      summary: "Get an app",
      requestParams: { path: appPath },
      responses: responses({ 200: { description: "The app.", schema: appResource } }, [404]),
    }),
    patch: op("Apps", {
      operationId: "updateApp",
      summary: "Change an app's settings",
      description:
        "As Setting → General. Send only the fields to change: they are merged with the stored values and the " +
        "whole is validated as the form is. A change emits `settingsChange`; no change writes nothing. An empty " +
        "`iconUrl` removes the icon; `installPassword` sets or replaces the password, `removeInstallPassword: " +
        "true` removes it. Admin or Owner keys.",
      requestParams: { path: appPath },
      requestBody: { required: true, ...json(appSettingsPatchInput) },
      responses: responses({ 200: { description: "The app as saved.", schema: appResource } }, [
        ...WRITE_BODY,
        403,
        404,
      ]),
    }),
    delete: op("Apps", {
      operationId: "deleteApp",
      summary: "Delete an app",
      description:
        "As Setting → Delete: the dashboard makes owners type the app's name, so the API asks for it in the " +
        "`confirmName` query parameter (exactly as shown, URL-encoded). Deletes the app with its versions, " +
        "webhooks and reports, and emits `appDelete`, which its webhooks still receive. Owner keys only.",
      requestParams: { path: appPath, query: deleteAppInput },
      responses: responses({ 204: { description: "Deleted." } }, [400, 403, 404], {
        400: "`confirmName` is missing or is not the app's name (`error.fields.confirmName`).",
      }),
    }),
  },
  "/api/v1/apps/{appKey}/events": {
    post: op("Events", {
      operationId: "ingestEvent",
      summary: "Send an event (new version, feedback, crash)",
      description:
        "The ingest API: stores the version, feedback or crash report and its event, and queues one delivery " +
        "per enabled webhook subscribed to the type, in one transaction. Admin or Owner keys.",
      requestParams: { path: appPath },
      requestBody: { required: true, ...json(ingestBody) },
      responses: responses({ 202: { description: "Stored; deliveries queued.", schema: ingestResult } }, [
        ...WRITE_BODY,
        403,
        404,
      ]),
    }),
  },
  "/api/v1/apps/{appKey}/events/batch": {
    post: op("Events", {
      operationId: "ingestEventBatch",
      summary: "Send up to 100 events at once (an SDK flushing its queue)",
      description:
        `Up to ${MAX_BATCH_EVENTS} ingest bodies, each checked as by "Send an event". All or nothing: one ` +
        "invalid event refuses the batch with a 400 whose `error.fields` names it (`events[3].build`), and " +
        "nothing is stored. Stored in one transaction, in order. Admin or Owner keys; the batch counts as its " +
        "number of events in the key's rate limit (a batch larger than the key's burst is refused with a 429 " +
        "and no `Retry-After`: send fewer per request).",
      requestParams: { path: appPath },
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: z.object({ events: z.array(ingestBody).min(1).max(MAX_BATCH_EVENTS) }),
            examples: {
              crashStorm: {
                summary: "Two crash reports and a feedback",
                value: {
                  events: [
                    {
                      type: "crashlog",
                      exception: "java.lang.NullPointerException",
                      stack: "at com.example.app.MainActivity.onCreate(MainActivity.kt:42)",
                      version: "2.4",
                      build: "139",
                      occurrences: 12,
                    },
                    {
                      type: "crashlog",
                      exception: "java.lang.IllegalStateException",
                      stack: "at com.example.app.UploadWorker.doWork(UploadWorker.kt:88)",
                      version: "2.4",
                      build: "139",
                    },
                    {
                      type: "feedback",
                      content: "The app closes when I open Settings",
                      contact: "qa@example.com",
                    },
                  ],
                },
              },
            },
          },
        },
      },
      responses: responses(
        { 202: { description: "All stored, in order; deliveries queued.", schema: ingestBatchResult } },
        [...WRITE_BODY, 403, 404],
        {
          400: "An event (or the envelope) is invalid: `error.fields` names `events[i].field`; nothing is stored.",
          429: "Over the key's rate limit (a batch counts as its events): retry after `Retry-After` seconds.",
        },
      ),
    }),
  },
  "/api/v1/apps/{appKey}/webhooks": {
    get: op("Webhooks", {
      operationId: "listWebhooks",
      summary: "List an app's webhooks",
      description: "URLs in full for Admin and Owner keys; with tokens masked for read-only keys.",
      requestParams: { path: appPath },
      responses: responses({ 200: { description: "The webhooks (at most 3).", schema: webhookList } }, [404]),
    }),
    post: op("Webhooks", {
      operationId: "createWebhook",
      summary: "Create a webhook",
      description:
        `As Setting → Webhook → Create Webhook: an app has at most ${MAX_WEBHOOKS_PER_APP} webhooks, enforced in the database ` +
        "transaction (concurrent creates never exceed it). The URL is checked as on save in the dashboard. " +
        "Admin or Owner keys.",
      requestParams: { path: appPath },
      requestBody: { required: true, ...json(webhookInput) },
      responses: responses(
        { 201: { description: "The new webhook.", schema: webhookResource } },
        [...WRITE_BODY, 403, 404, 409],
        {
          409: `\`limit_reached\`: the app already has ${MAX_WEBHOOKS_PER_APP} webhooks. Delete one to add another.`,
        },
      ),
    }),
  },
  "/api/v1/apps/{appKey}/webhooks/{webhookId}": {
    get: op("Webhooks", {
      operationId: "getWebhook",
      summary: "Get a webhook",
      requestParams: { path: webhookPath },
      responses: responses({ 200: { description: "The webhook.", schema: webhookResource } }, [404]),
    }),
    patch: op("Webhooks", {
      operationId: "updateWebhook",
      summary: "Change a webhook",
      description:
        "As Edit: send only the fields to change; they are merged with the stored values and the whole is " +
        "validated as the form is. Without `secret` the stored robot secret is kept; `clearSecret: true` " +
        "removes it. Admin or Owner keys.",
      requestParams: { path: webhookPath },
      requestBody: { required: true, ...json(webhookPatchInput) },
      responses: responses({ 200: { description: "The webhook as saved.", schema: webhookResource } }, [
        ...WRITE_BODY,
        403,
        404,
      ]),
    }),
    delete: op("Webhooks", {
      operationId: "deleteWebhook",
      summary: "Delete a webhook",
      description: "Admin or Owner keys.",
      requestParams: { path: webhookPath },
      responses: responses({ 204: { description: "Deleted." } }, [403, 404]),
    }),
  },
  "/api/v1/apps/{appKey}/webhooks/{webhookId}/test": {
    post: op("Deliveries", {
      operationId: "sendTest",
      summary: "Send a test event",
      description:
        "Sends a realistic sample event of the chosen type for this app to this webhook now and answers the " +
        "receiver's result (200 even when the receiver failed: see `status`). Recorded in the delivery log as " +
        "a test, never retried. Admin or Owner keys.",
      requestParams: { path: webhookPath },
      requestBody: { required: true, ...json(sendTestInput) },
      responses: responses({ 200: { description: "What the receiver answered.", schema: testResult } }, [
        ...WRITE_BODY,
        403,
        404,
      ]),
    }),
  },
  "/api/v1/apps/{appKey}/webhooks/{webhookId}/resend-failed": {
    post: op("Deliveries", {
      operationId: "resendFailed",
      summary: "Resend failed deliveries since a time",
      description:
        "Queues one more attempt, due now, of every failed delivery of this webhook created at or after `since`, " +
        `oldest first, at most ${MAX_RESEND_FAILED.toLocaleString("en")} a request (\`remaining\` says how many are left). Workers send them ` +
        "like any other delivery, within the per-webhook and robot rate limits. Asking twice queues a delivery " +
        "once. Admin or Owner keys; 409 while the webhook is off.",
      requestParams: { path: webhookPath },
      requestBody: { required: true, ...json(resendFailedInput) },
      responses: responses(
        { 202: { description: "Queued.", schema: resendFailedResult } },
        [...WRITE_BODY, 403, 404, 409],
        { 409: "The webhook is switched off: turn it on first." },
      ),
    }),
  },
  "/api/v1/apps/{appKey}/webhooks/{webhookId}/deliveries": {
    get: op("Deliveries", {
      operationId: "listDeliveries",
      summary: "List a webhook's recent deliveries",
      description:
        "Newest first, filtered by `status` and `event`, a page at a time: pass the previous page's " +
        "`nextCursor` as `cursor`.",
      requestParams: { path: webhookPath, query: deliveryListQuery },
      responses: responses(
        { 200: { description: "A page of deliveries.", schema: deliveryPage } },
        [400, 404],
      ),
    }),
  },
  "/api/v1/deliveries/{deliveryId}": {
    get: op("Deliveries", {
      operationId: "getDelivery",
      summary: "Get a delivery with its attempts",
      description:
        "Each attempt's request (URL with tokens masked, headers, body) and response (first 16 KiB).",
      requestParams: { path: deliveryPath },
      responses: responses({ 200: { description: "The delivery.", schema: deliveryDetail } }, [404]),
    }),
  },
  "/api/v1/deliveries/{deliveryId}/redeliver": {
    post: op("Deliveries", {
      operationId: "redeliver",
      summary: "Redeliver a delivery",
      description:
        "Queues one more attempt of the same delivery (same `webhook-id`), due now. Admin or Owner keys.",
      requestParams: { path: deliveryPath },
      responses: responses({ 202: { description: "Queued.", schema: deliverySummary } }, [403, 404, 409], {
        409: "Being sent right now, or its webhook was deleted or is switched off.",
      }),
    }),
  },
  "/api/v1/audit": {
    get: op("Audit log", {
      operationId: "listAudit",
      summary: "List the team's audit log",
      description:
        "Every change to the key's team's apps, webhooks, API keys, members, invites and settings, newest " +
        "first: who (a user or an API key), when, from which address, and each changed field old → new. " +
        "Secrets are never recorded (`secret: true` says one changed); URLs are masked. Filter by `actor` " +
        "(`user:<id>` or `api_key:<id>`), `app` (an app's id), `kind` and `since`/`until`; pass the previous " +
        "page's `nextCursor` as `cursor`. Entries are kept for one year. Admin or Owner keys.",
      requestParams: { query: auditListQuery },
      responses: responses({ 200: { description: "A page of entries.", schema: auditPage } }, [400, 403]),
    }),
  },
  "/api/v1/audit/{entryId}": {
    get: op("Audit log", {
      operationId: "getAuditEntry",
      summary: "Get an audit entry",
      description: "One entry of the key's team's log. Admin or Owner keys.",
      requestParams: { path: auditEntryPath },
      responses: responses({ 200: { description: "The entry.", schema: auditEntryResource } }, [403, 404]),
    }),
  },
  "/api/v1/deliveries/drain": {
    post: {
      tags: ["Operations"],
      operationId: "drainDeliveries",
      summary: "Send every due delivery now (cron)",
      description:
        "For hosts without long-lived processes. Off (404) unless the server sets DELIVERY_DRAIN_TOKEN; send " +
        "`Authorization: Bearer <DELIVERY_DRAIN_TOKEN>` (not an API key).",
      security: [{ drainToken: [] }],
      responses: {
        200: { description: "What this run did.", ...json(drainResult) },
        401: { description: "Missing or wrong drain token.", ...json(errorBody) },
        404: { description: "Draining by request is not enabled on this server.", ...json(errorBody) },
        503: { description: ERRORS[503], ...json(errorBody) },
        default: { description: "Something went wrong on our side (500).", ...json(errorBody) },
      },
    },
  },
  "/api/v1/openapi.json": {
    get: {
      tags: ["Operations"],
      operationId: "openApiDocument",
      summary: "This OpenAPI document",
      security: [],
      responses: { 200: { description: "The OpenAPI 3.1 document of this API." } },
    },
  },
};

let cached: ReturnType<typeof createDocument> | undefined;

/** The public API's OpenAPI 3.1 document, generated from the zod schemas the routes parse and answer with. */
export function openApiDocument() {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "AppHooks API",
      version: "1.0.0",
      description:
        "Manage apps, webhooks and deliveries, and send events, with a team API key (Team → API keys). JSON " +
        'in and out; every error is `{"error": {"code", "message", "fields"}}`. A key acts in its ' +
        "own team with the access it was given: Read-only (as a member), Admin or Owner.",
    },
    tags: [
      { name: "Apps" },
      { name: "Webhooks" },
      { name: "Deliveries" },
      { name: "Events" },
      { name: "Audit log" },
      { name: "Operations" },
      {
        name: "Webhooks you receive",
        description: "What AppHooks POSTs to your webhook's URL for each event (the `webhooks` section).",
      },
    ],
    security: [{ apiKey: [] }],
    paths,
    webhooks: webhooksSection(),
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "ahk_…",
          description: "A team API key: `Authorization: Bearer ahk_…`.",
        },
        drainToken: { type: "http", scheme: "bearer", description: "The server's DELIVERY_DRAIN_TOKEN." },
      },
    },
  });
  return cached;
}
