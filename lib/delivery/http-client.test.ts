import type { LookupAddress } from "node:dns";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Receiver, startReceiver } from "@/test/receiver";
import { createHttpClient, type HttpClient, MAX_RESPONSE_BODY } from "./http-client";

const json = { "content-type": "application/json" };

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("the delivery HTTP client", () => {
  let receiver: Receiver;
  let client: HttpClient;
  beforeAll(async () => {
    receiver = await startReceiver();
    client = createHttpClient({ connectTimeoutMs: 1000, allowPrivateTargets: true });
  });
  afterAll(async () => {
    await client.close();
    await receiver.close();
  });

  const post = (path: string, timeoutMs = 2000) =>
    client.post({ url: receiver.url(path), headers: { ...json, "x-test": "1" }, body: '{"a":1}', timeoutMs });

  test("POSTs the headers and body, returns status, headers and body; keeps the connection alive", async () => {
    receiver.script("/ok", [{ status: 202, headers: { "x-reply": "yes" }, body: "accepted" }]);
    const first = await post("/ok");
    await new Promise((resolve) => setTimeout(resolve, 50)); // the connection returns to the pool
    const second = await post("/ok");
    expect(first.outcome).toMatchObject({ kind: "response", status: 202 });
    expect(first.responseHeaders).toMatchObject({ "x-reply": "yes" });
    expect(first.responseBody).toBe("accepted");
    const [a, b] = receiver.requestsTo("/ok");
    expect(a).toMatchObject({ method: "POST", body: '{"a":1}' });
    expect(a?.headers["x-test"]).toBe("1");
    expect(b?.remotePort).toBe(a?.remotePort);
    expect(second.durationMs).toBeGreaterThanOrEqual(0);
  });

  test("reads at most 16 KiB of a response body", async () => {
    receiver.script("/big", [{ status: 200, body: "x".repeat(200 * 1024) }]);
    const result = await post("/big");
    expect(result.outcome).toMatchObject({ status: 200 });
    expect(result.responseBody).toHaveLength(MAX_RESPONSE_BODY);
  });

  test("never follows a redirect", async () => {
    receiver.script("/moved", [{ status: 302, headers: { location: receiver.url("/elsewhere") } }]);
    const result = await post("/moved");
    expect(result.outcome).toMatchObject({ kind: "response", status: 302 });
    expect(receiver.requestsTo("/elsewhere")).toEqual([]);
  });

  test("a receiver that never answers ends at the total timeout", async () => {
    receiver.script("/hang", ["hang"]);
    const started = Date.now();
    const result = await post("/hang", 300);
    expect(result.outcome).toEqual({ kind: "error", error: "timeout", message: "Timed out after 300 ms" });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
  });

  test("a refused connection is a connection error", async () => {
    const port = await closedPort();
    const result = await client.post({
      url: `http://127.0.0.1:${port}/`,
      headers: {},
      body: "",
      timeoutMs: 1000,
    });
    expect(result.outcome).toMatchObject({ kind: "error", error: "connect" });
    expect(result.outcome.kind === "error" && result.outcome.message).toMatch(/ECONNREFUSED/);
  });

  test("URLs that are not http(s) or carry credentials are refused without a request", async () => {
    for (const url of ["ftp://127.0.0.1/x", `http://user:pw@127.0.0.1:${receiver.port}/creds`, "not a url"]) {
      const result = await client.post({ url, headers: {}, body: "", timeoutMs: 1000 });
      expect(result.outcome).toMatchObject({ kind: "error", error: "invalid" });
    }
    expect(receiver.requestsTo("/creds")).toEqual([]);
  });
});

describe("the HTTP client's address policy (private targets refused)", () => {
  let receiver: Receiver;
  let refusing: HttpClient;
  // A resolver that maps test names, so DNS answers can be scripted (DNS rebinding, mixed answers).
  const names: Record<string, LookupAddress[]> = {
    "rebind.example.test": [{ address: "127.0.0.1", family: 4 }],
    "mixed.example.test": [
      { address: "93.184.215.14", family: 4 },
      { address: "10.1.2.3", family: 4 },
    ],
  };
  const lookup = async (host: string) => {
    const found = names[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return found;
  };
  beforeAll(async () => {
    receiver = await startReceiver();
    refusing = createHttpClient({ connectTimeoutMs: 1000, allowPrivateTargets: false, lookup });
  });
  afterAll(async () => {
    await refusing.close();
    await receiver.close();
  });

  test.each([
    "http://127.0.0.1:PORT/literal",
    "http://[::1]:PORT/literal6",
    "http://10.0.0.5/private",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:127.0.0.1]:PORT/mapped",
    "http://2130706433:PORT/decimal",
    "http://0x7f.1:PORT/hex",
    "http://rebind.example.test:PORT/rebind",
    "http://mixed.example.test:PORT/mixed",
  ])("%s is refused without a request", async (template) => {
    const url = template.replace("PORT", String(receiver.port));
    const result = await refusing.post({ url, headers: {}, body: "{}", timeoutMs: 1000 });
    expect(result.outcome).toMatchObject({ kind: "error", error: "blocked" });
    expect(result.outcome.kind === "error" && result.outcome.message).toMatch(/private or local address/);
    expect(receiver.requests).toEqual([]);
  });

  test("the same name is connected to when private targets are allowed (the lookup is the one used)", async () => {
    const allowing = createHttpClient({ connectTimeoutMs: 1000, allowPrivateTargets: true, lookup });
    try {
      const result = await allowing.post({
        url: `http://rebind.example.test:${receiver.port}/allowed`,
        headers: {},
        body: "{}",
        timeoutMs: 1000,
      });
      expect(result.outcome).toMatchObject({ kind: "response", status: 200 });
      expect(receiver.requestsTo("/allowed")).toHaveLength(1);
    } finally {
      await allowing.close();
    }
  });
});
