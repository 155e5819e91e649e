// The webhook receiver of the bench and the fault test: plain node:http on one thread, in its own process
// (started with child_process.fork). It plays the customers' endpoints and tells the parent, over IPC, when
// each delivery arrived: a batch of arrivals every 50 ms.
//
// Configuration (JSON in argv[2]): { servers: [{ name, port?, mode, failRate?, downMs?, delayMs?, parseBody? }] }
//   mode "ok"    answers 200 at once
//        "slow"  answers 200 `delayMs` after the request arrived (it counts as an arrival when it arrived)
//        "hang"  never answers (the request stays open until the client gives up)
//        "flaky" answers 500 to `failRate` of the requests at random, 200 to the others
//        "down"  listens only `downMs` after the parent sends {type:"go"} (connections are refused until
//                then), then answers 200
// A request to a path starting with /raw is only counted (the raw-limit measurement), never reported.
// Reported arrivals: [time, server, path, webhook-id, event_id of the body or null], time in ms since the
// epoch with sub-millisecond precision (performance.timeOrigin + performance.now(), comparable across
// processes of one machine). Only answered-2xx requests are arrivals; refusals are counted in `rejected`.

import { createServer } from "node:http";
import { performance } from "node:perf_hooks";

const config = JSON.parse(process.argv[2] ?? "{}");
const now = () => performance.timeOrigin + performance.now();

/** @type {Array<[number, string, string, string, string | null]>} */
let pending = [];
let rawCount = 0;
let rejected = 0;
/** Requests received and not answered yet (slow servers). */
let inFlight = 0;
/** @type {{ headers: Record<string, string>, body: string } | null} */
let sample = null;
const servers = [];

function handler(server) {
  return (request, response) => {
    const at = now();
    if (request.url?.startsWith("/raw")) {
      request.on("data", () => {});
      request.on("end", () => {
        rawCount++;
        response.writeHead(200, { "content-type": "text/plain", "content-length": "2" });
        response.end("ok");
      });
      return;
    }
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      if (server.mode === "hang") return; // never answered
      if (server.mode === "flaky" && Math.random() < (server.failRate ?? 0.3)) {
        rejected++;
        response.writeHead(500, { "content-type": "text/plain" });
        response.end("random failure");
        return;
      }
      const webhookId = String(request.headers["webhook-id"] ?? "");
      let eventId = null;
      if (server.parseBody || sample === null) {
        const body = Buffer.concat(chunks).toString("utf8");
        if (sample === null) {
          const headers = {};
          for (const [name, value] of Object.entries(request.headers)) {
            if (typeof value === "string") headers[name] = value;
          }
          sample = { headers, body };
        }
        if (server.parseBody) {
          try {
            eventId = JSON.parse(body).event_id ?? null;
          } catch {
            eventId = null;
          }
        }
      }
      pending.push([at, server.name, request.url ?? "", webhookId, eventId]);
      const answer = () => {
        response.writeHead(200, { "content-type": "text/plain", "content-length": "2" });
        response.end("ok");
      };
      if (server.mode !== "slow") return answer();
      inFlight++;
      setTimeout(() => {
        inFlight--;
        answer();
      }, server.delayMs ?? 500);
    });
  };
}

function listen(server) {
  return new Promise((resolve, reject) => {
    const http = createServer({ keepAliveTimeout: 60_000 }, handler(server));
    http.on("error", reject);
    http.listen(server.port ?? 0, "127.0.0.1", () => {
      servers.push(http);
      resolve(http.address().port);
    });
  });
}

const flush = () => {
  if (pending.length === 0) return;
  const batch = pending;
  pending = [];
  process.send?.({ type: "arrivals", arrivals: batch });
};
setInterval(flush, 50);

process.on("message", (message) => {
  if (message?.type === "sample") process.send?.({ type: "sample", sample });
  if (message?.type === "counts") {
    flush();
    process.send?.({ type: "counts", raw: rawCount, rejected, inFlight });
  }
  if (message?.type === "go") {
    for (const server of down.splice(0)) {
      setTimeout(() => {
        listen(server).catch((error) => {
          console.error(`[receiver] ${server.name} could not listen: ${error.message}`);
          process.exit(1);
        });
      }, server.downMs ?? 60_000);
    }
  }
  if (message?.type === "stop") {
    flush();
    for (const http of servers) http.closeAllConnections?.();
    process.exit(0);
  }
});
process.on("disconnect", () => process.exit(0));

const ports = {};
/** Servers that are down: they start listening `downMs` after the parent says "go". */
const down = [];
for (const server of config.servers ?? []) {
  if (server.mode === "down") {
    // The port is fixed by the parent (it is in the webhook's URL): nothing listens on it until then.
    ports[server.name] = server.port;
    down.push(server);
  } else {
    ports[server.name] = await listen(server);
  }
}
process.send?.({ type: "ready", ports });
