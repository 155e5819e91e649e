// What both baseline servers share: the same ingest route as AppHooks (POST /api/v1/apps/<appKey>/events,
// Bearer key, JSON body, 202 {"id"}), and the same delivery as AppHooks sends (a JSON body with event_id,
// Standard Webhooks headers signed with HMAC-SHA256, one keep-alive POST per webhook with undici).
// Configuration (JSON in argv[2]): { apps: { <appKey>: [url, url, url] }, key, secret, databaseUrl? }.
// Each server is started with child_process.fork and tells its parent { type: "ready", port } over IPC.

import { createHmac, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { Agent } from "undici";

export const config = JSON.parse(process.argv[2] ?? "{}");

/** Keep-alive connections to the receiver, as the AppHooks worker keeps them. */
const agent = new Agent({ keepAliveTimeout: 60_000, connections: 64 });

/** The body one webhook receives for an event (the fields AppHooks's generic payload carries). */
export function deliveryBody(eventId, appKey, event) {
  const timestamp = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    action: "Feedback",
    title: appKey,
    link: `http://127.0.0.1/apps/${appKey}`,
    message: String(event.content ?? ""),
    type: event.type,
    os_version: String(event.version ?? ""),
    build_version: String(event.build ?? ""),
    created: new Date().toISOString().slice(0, 19).replace("T", " "),
    updated: new Date().toISOString().slice(0, 19).replace("T", " "),
    timestamp,
    appsize: "0",
    device_type: "Android",
    notes: String(event.content ?? ""),
    event_id: eventId,
    app_key: appKey,
    data: { contact: event.contact, device: event.device },
  });
}

/** One signed POST; throws unless the receiver answered 2xx. */
export async function deliver(url, eventId, body) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac("sha256", config.secret)
    .update(`${eventId}.${timestamp}.${body}`)
    .digest("base64");
  const target = new URL(url);
  const response = await agent.request({
    origin: target.origin,
    path: target.pathname,
    method: "POST",
    headers: {
      "content-type": "application/json; charset=utf-8",
      "user-agent": "AppHooks-baseline",
      "webhook-id": eventId,
      "webhook-timestamp": timestamp,
      "webhook-signature": `v1,${signature}`,
      "x-apphooks-event": "feedback",
    },
    body,
  });
  await response.body.dump();
  if (response.statusCode < 200 || response.statusCode >= 300) {
    throw new Error(`${url} answered ${response.statusCode}`);
  }
}

function answer(response, status, value) {
  const text = JSON.stringify(value);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

/**
 * Serves the ingest route: `accept(event)` gets { id, appKey, urls, event } for a valid request and resolves
 * once the event is handled (delivered, or stored durably); the answer is then 202 {"id"}.
 */
export async function serveIngest(accept) {
  const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
    const match = /^\/api\/v1\/apps\/([^/]+)\/events$/.exec(request.url ?? "");
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      if (request.method !== "POST" || !match) return answer(response, 404, { error: "not found" });
      if (request.headers.authorization !== `Bearer ${config.key}`) {
        return answer(response, 401, { error: "invalid API key" });
      }
      const appKey = match[1];
      const urls = config.apps[appKey];
      if (!urls) return answer(response, 404, { error: "no such app" });
      let event;
      try {
        event = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return answer(response, 400, { error: "the body is not JSON" });
      }
      if (typeof event?.type !== "string") return answer(response, 400, { error: "type is required" });
      const id = randomUUID();
      accept({ id, appKey, urls, event }).then(
        () => answer(response, 202, { id, type: event.type, deliveries: urls.length }),
        (error) => answer(response, 503, { error: String(error?.message ?? error) }),
      );
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

/** Tells the parent the port, and exits on its "stop" (after `stop()`), on SIGTERM or when it goes away. */
export function ready(server, stop = async () => {}) {
  const end = () => {
    server.closeAllConnections?.();
    server.close();
    void stop().finally(() => process.exit(0));
  };
  process.on("message", (message) => message?.type === "stop" && end());
  process.on("SIGTERM", end);
  process.on("disconnect", end);
  process.send?.({ type: "ready", port: server.address().port });
}
