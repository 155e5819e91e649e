import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { newSigningSecret, signatureHeader } from "@/lib/crypto/signature";
import { drainOnce } from "@/lib/delivery/worker";
import { getDelivery } from "@/lib/delivery-log/get-delivery";
import { listDeliveries } from "@/lib/delivery-log/list-deliveries";
import { createWebhook } from "@/lib/webhooks/save-webhook";
import { revealSigningSecret } from "@/lib/webhooks/signing-secret";
import { receiverSnippets, type SnippetLanguage } from "@/lib/webhooks/snippets";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { emitSample } from "@/test/event-fixtures";
import { makeTeamWithApp, type TeamWithApp, webhookBody } from "@/test/factories";

/**
 * The receiver snippets (lib/webhooks/snippets.ts) run as their users would run them, against a real
 * delivery signed by the engine: accepted as sent (the delivery succeeds), refused (401) when the body, the
 * timestamp or the secret is changed, and accepted during a rotation (two signatures, one valid).
 * npm test installs php-cli and python3 when they are missing (scripts/test-all.mjs); Java runs where a JDK is
 * installed; Go is not run here (no Go toolchain on these machines).
 */
const root = path.resolve(import.meta.dirname, "..");
const RUNTIMES: Record<
  Exclude<SnippetLanguage, "go">,
  { binary: string; args: (file: string, port: number) => string[] }
> = {
  node: { binary: process.execPath, args: (file) => [file] },
  python: { binary: "python3", args: (file) => [file] },
  php: { binary: "php", args: (file, port) => ["-S", `127.0.0.1:${port}`, file] },
  java: { binary: "java", args: (file) => [file] },
};
const runs = (binary: string) => !spawnSync(binary, ["--version"], { encoding: "utf8" }).error;
// Java runs where a JDK is installed (this project's machines have one); Node, Python and PHP always.
const RUN = (Object.keys(RUNTIMES) as Array<keyof typeof RUNTIMES>).filter(
  (language) => language !== "java" || runs("java"),
);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the snippet exited (${child.exitCode}):\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: "127.0.0.1" });
      socket.once("connect", () => socket.end(() => resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`the snippet did not listen on ${port}:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(dbTargets())("receiver snippets (%s)", (kind) => {
  useTestDatabase(kind);
  // Inside the project, so that the Node snippet's `import "standardwebhooks"` resolves as after npm install.
  const dir = path.join(
    root,
    "node_modules",
    ".cache",
    `apphooks-snippets-${randomBytes(4).toString("hex")}`,
  );
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    for (const { binary } of Object.values(RUNTIMES)) {
      const found = spawnSync(binary, ["--version"], { encoding: "utf8" });
      if (found.error)
        throw new Error(`${binary} is not installed: npm test installs php-cli and python3 (apt-get)`);
    }
    mkdirSync(dir, { recursive: true });
  });
  afterAll(() => {
    for (const child of children) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  test.each(RUN)(
    "%s: verifies a real delivery, refuses a changed body, timestamp or secret",
    async (language) => {
      const port = await freePort();
      // An app per language: an app has at most three webhooks.
      const context: TeamWithApp = await makeTeamWithApp("owner");
      const webhook = await createWebhook(
        context.owner.user.id,
        context.app.appKey,
        webhookBody({
          name: `${language} receiver`,
          url: `http://127.0.0.1:${port}/hooks`,
          events: ["feedback"],
        }),
      );
      const { secret } = await revealSigningSecret(context.owner.user.id, context.app.appKey, webhook.id);
      const snippet = receiverSnippets(secret).find((item) => item.language === language);
      if (!snippet) throw new Error(`no ${language} snippet`);
      mkdirSync(path.join(dir, language), { recursive: true });
      const own = path.join(dir, language, snippet.filename);
      writeFileSync(own, snippet.code);
      const runtime = RUNTIMES[language];
      let output = "";
      const child = spawn(runtime.binary, runtime.args(own, port), {
        cwd: path.dirname(own),
        env: { ...process.env, PORT: String(port) },
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.push(child);
      const keep = (chunk: Buffer) => {
        output += chunk.toString("utf8");
      };
      child.stdout?.on("data", keep);
      child.stderr?.on("data", keep);
      await waitForPort(port, child, () => output);

      // 1. The engine's own delivery is accepted (204): the delivery succeeds.
      const event = await emitSample("feedback", { teamId: context.team.id, app: context.app });
      await drainOnce({ config: { schedule: [0] } });
      const [delivery] = (await listDeliveries(context.owner.user.id, context.app.appKey, webhook.id, {}))
        .deliveries;
      expect(delivery, output).toMatchObject({ eventId: event.id, status: "succeeded", lastStatusCode: 204 });
      const detail = await getDelivery(context.owner.user.id, delivery?.id ?? "");
      const body = detail.attemptsList[0]?.request.body ?? "";
      expect(JSON.parse(body)).toMatchObject({ type: "feedback", event_id: event.id });

      // 2. The same delivery, re-signed now, then changed one part at a time.
      const post = (headers: Record<string, string>, sent = body) =>
        fetch(`http://127.0.0.1:${port}/hooks`, {
          method: "POST",
          headers: { "content-type": "application/json; charset=utf-8", ...headers },
          body: sent,
        }).then(async (response) => {
          await response.arrayBuffer();
          return response.status;
        });
      const signed = (timestamp: number, secrets: string[], sent = body) => ({
        "webhook-id": event.id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signatureHeader(secrets, event.id, timestamp, sent),
      });
      const now = Math.floor(Date.now() / 1000);
      expect(await post(signed(now, [secret]))).toBe(204);
      expect(await post(signed(now, [secret]), body.replace('"feedback"', '"crashlog"'))).toBe(401);
      expect(await post(signed(now - 600, [secret]))).toBe(401);
      expect(await post(signed(now, [newSigningSecret()]))).toBe(401);
      expect(await post({ ...signed(now, [secret]), "webhook-id": "evt_other" })).toBe(401);
      // During a rotation both secrets sign: one valid signature among two is enough.
      expect(await post(signed(now, [newSigningSecret(), secret]))).toBe(204);
    },
  );
});
