// Baseline (a): node:http whose ingest route POSTs the event to its webhooks with Promise.all and answers
// 202 only after every one answered. Not durable (nothing is stored: a crash loses the event, a receiver
// that is down fails the request): the cheapest way to get an event out, for scale.

import { deliver, deliveryBody, ready, serveIngest } from "./http.mjs";

const server = await serveIngest(async ({ id, appKey, urls, event }) => {
  const body = deliveryBody(id, appKey, event);
  await Promise.all(urls.map((url) => deliver(url, id, body)));
});
ready(server);
