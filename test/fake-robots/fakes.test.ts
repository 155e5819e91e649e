import { createHmac } from "node:crypto";
import { afterAll, describe, expect, test } from "vitest";
import { FakeDingTalk, FakeDiscord, FakeLark, FakeSlack, FakeTeams, FakeWeCom, fakeRobots } from "./index";

/**
 * The fakes answer as their services' documentation says (see the top of each fake's file), tried here with
 * requests written by hand from that documentation — nothing of AppHooks takes part.
 */
const robots = fakeRobots();
afterAll(() => robots.close());

async function post(url: string, body: unknown, contentType = "application/json; charset=utf-8") {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: response.status, headers: response.headers, text, json };
}

const MINUTE = 60_000;

/** A clock that stands still until the test moves it: rate windows do not depend on how fast this machine is. */
function frozenClock() {
  let now = Date.now();
  return Object.assign(() => now, {
    advance(ms: number) {
      now += ms;
    },
  });
}

describe("DingTalk", () => {
  const secret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  // The documentation's algorithm: HmacSHA256 keyed with the secret over "timestamp\nsecret", base64, urlEncode.
  const signed = (url: string, timestamp: number) => {
    const sign = createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
    return { url: `${url}&timestamp=${timestamp}&sign=${encodeURIComponent(sign)}`, sign };
  };
  const markdown = (text: string) => ({ msgtype: "markdown", markdown: { title: "Release", text } });

  test("signature and keyword: ok, or errcode 310000 with HTTP 200", async () => {
    const clock = frozenClock();
    const ding = await robots.add(new FakeDingTalk({ secret, keywords: ["AppHooks"], clock }));
    const now = clock();
    expect((await post(signed(ding.url, now).url, markdown("AppHooks: 2.4 is out"))).json).toEqual({
      errcode: 0,
      errmsg: "ok",
    });
    const refused = [
      await post(ding.url, markdown("AppHooks: unsigned")),
      await post(signed(ding.url, now - 61 * MINUTE).url, markdown("AppHooks: an old timestamp")),
      await post(signed(ding.url, now).url, markdown("no keyword here")),
    ];
    for (const answer of refused) {
      expect(answer.status).toBe(200);
      expect(answer.json?.errcode).toBe(310000);
    }
    expect(refused.map((answer) => String(answer.json?.errmsg).split(",")[0])).toEqual([
      "sign not match",
      "invalid timestamp",
      "keywords not in content",
    ]);
    // A sign sent without its URL-encoding ("+" reads as a space) does not match.
    let timestamp = now;
    while (!signed(ding.url, timestamp).sign.includes("+")) timestamp++;
    const raw = `${ding.url}&timestamp=${timestamp}&sign=${signed(ding.url, timestamp).sign}`;
    expect((await post(raw, markdown("AppHooks: raw sign"))).json?.errcode).toBe(310000);
    expect(ding.posted).toHaveLength(1);
  });

  test("a wrong token, a form body, a missing title: refused with their errcodes", async () => {
    const ding = await robots.add(new FakeDingTalk());
    expect((await post(ding.url.replace(ding.token, "nope"), markdown("x"))).json?.errcode).toBe(300005);
    expect((await post(ding.url, "msgtype=text", "application/x-www-form-urlencoded")).json?.errcode).toBe(
      43004,
    );
    expect((await post(ding.url, { msgtype: "markdown", markdown: { text: "x" } })).json?.errcode).toBe(
      40035,
    );
    expect(ding.posted).toEqual([]);
  });

  test("20 messages a minute; the 21st throttles the robot for 10 minutes (errcode 130101)", async () => {
    const clock = frozenClock();
    const ding = await robots.add(new FakeDingTalk({ clock, rateLimit: true }));
    for (let i = 0; i < 20; i++) expect((await post(ding.url, markdown(`${i}`))).json?.errcode).toBe(0);
    expect((await post(ding.url, markdown("21"))).json?.errcode).toBe(130101);
    clock.advance(2 * MINUTE); // a new minute, but still within the 10 minutes
    expect((await post(ding.url, markdown("22"))).json?.errcode).toBe(130101);
    clock.advance(9 * MINUTE);
    expect((await post(ding.url, markdown("23"))).json?.errcode).toBe(0);
    expect(ding.posted).toHaveLength(21);
  });
});

describe("Lark/Feishu", () => {
  const secret = "qR7wXy2mZk9pLs4tVb6nHc";
  // The documentation's algorithm: HmacSHA256 keyed with "timestamp\nsecret" over nothing, base64.
  const sign = (timestamp: string) =>
    createHmac("sha256", `${timestamp}\n${secret}`).update(Buffer.alloc(0)).digest("base64");
  const message = (text: string) => ({ msg_type: "text", content: { text } });

  test("signature and keyword: code 0, or 19021 / 19024; a bad body: 9499 with HTTP 400", async () => {
    const lark = await robots.add(new FakeLark({ secret, keywords: ["AppHooks"] }));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const ok = await post(lark.url, { timestamp, sign: sign(timestamp), ...message("AppHooks: 2.4") });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ code: 0, msg: "success", StatusCode: 0 });
    const old = String(Number(timestamp) - 3601);
    const answers = [
      await post(lark.url, { timestamp, sign: "x", ...message("AppHooks") }),
      await post(lark.url, { timestamp: old, sign: sign(old), ...message("AppHooks") }),
      await post(lark.url, { timestamp, sign: sign(timestamp), ...message("nothing") }),
    ];
    expect(answers.map((answer) => [answer.status, answer.json?.code])).toEqual([
      [200, 19021],
      [200, 19021],
      [200, 19024],
    ]);
    const bad = await post(lark.url, { timestamp, sign: sign(timestamp), msg_type: "interactive", card: {} });
    expect([bad.status, bad.json?.code]).toEqual([400, 9499]);
    const wrongToken = await post(lark.url.replace(lark.token, "nope"), message("AppHooks"));
    expect(wrongToken.json?.code).toBe(19001);
    expect(lark.posted).toHaveLength(1);
  });

  test("5 a second and 100 a minute, then code 11232", async () => {
    const clock = frozenClock();
    const lark = await robots.add(new FakeLark({ clock, rateLimit: true }));
    const codes: unknown[] = [];
    for (let i = 0; i < 6; i++) codes.push((await post(lark.url, message(`${i}`))).json?.code);
    expect(codes).toEqual([0, 0, 0, 0, 0, 11232]);
  });
});

describe("WeCom", () => {
  const markdown = (content: string) => ({ msgtype: "markdown", markdown: { content } });

  test("errcode 0; a wrong key, an empty or a too long content: errcodes with HTTP 200", async () => {
    const wecom = await robots.add(new FakeWeCom());
    expect((await post(wecom.url, markdown("Release 2.4"))).json).toEqual({ errcode: 0, errmsg: "ok" });
    const answers = [
      await post(wecom.url.replace(wecom.key, "nope"), markdown("x")),
      await post(wecom.url, markdown("")),
      await post(wecom.url, markdown("应".repeat(1366))), // 4098 bytes
      await post(wecom.url, { msgtype: "text", text: { content: "x".repeat(2049) } }),
    ];
    expect(answers.map((answer) => [answer.status, answer.json?.errcode])).toEqual([
      [200, 93000],
      [200, 44004],
      [200, 40058],
      [200, 40058],
    ]);
    expect((await post(wecom.url, markdown("应".repeat(1365)))).json?.errcode).toBe(0); // 4095 bytes
    expect(wecom.posted).toHaveLength(2);
  });

  test("20 messages a minute, then errcode 45009", async () => {
    const wecom = await robots.add(new FakeWeCom({ rateLimit: true, clock: frozenClock() }));
    for (let i = 0; i < 20; i++) await post(wecom.url, markdown(`${i}`));
    expect((await post(wecom.url, markdown("21"))).json?.errcode).toBe(45009);
    expect(wecom.posted).toHaveLength(20);
  });
});

describe("Slack", () => {
  test('"ok"; invalid_payload, no_text, invalid_blocks, invalid_token as text with a 4xx; 429 with Retry-After', async () => {
    const slack = await robots.add(new FakeSlack({ rateLimit: true, clock: frozenClock() }));
    const ok = await post(slack.url, { text: "Release 2.4" });
    expect([ok.status, ok.text]).toEqual([200, "ok"]);
    const answers = [
      await post(slack.url, "{not json"),
      await post(slack.url, { username: "AppHooks" }),
      await post(slack.url, {
        blocks: [{ type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } }],
      }),
      await post(slack.url.replace(slack.secret, "revoked"), { text: "x" }),
    ];
    expect(answers.map((answer) => [answer.status, answer.text])).toEqual([
      [400, "invalid_payload"],
      [400, "no_text"],
      [400, "invalid_blocks"],
      [403, "invalid_token"],
    ]);
    const tooFast = await post(slack.url, { text: "again" });
    expect(tooFast.status).toBe(429);
    expect(tooFast.headers.get("retry-after")).toBe("1");
    expect(slack.posted).toHaveLength(1);
  });
});

describe("Discord", () => {
  test("204; 400 with a JSON code; 429 with retry_after in seconds", async () => {
    const discord = await robots.add(new FakeDiscord({ rateLimit: true, clock: frozenClock() }));
    const ok = await post(discord.url, { content: "Release 2.4" });
    expect([ok.status, ok.text]).toEqual([204, ""]);
    const empty = await post(discord.url, { content: "" });
    expect([empty.status, empty.json?.code]).toEqual([400, 50006]);
    // 6000 characters across all embeds of a message, not per embed.
    const embeds = [{ description: "x".repeat(4000) }, { description: "y".repeat(2001) }];
    const large = await post(discord.url, { embeds });
    expect([large.status, large.json?.code]).toEqual([400, 50035]);
    const wrongToken = await post(discord.url.replace(discord.token, "nope"), { content: "x" });
    expect([wrongToken.status, wrongToken.json?.code]).toEqual([401, 50027]);
    for (let i = 0; i < 4; i++) expect((await post(discord.url, { content: `${i}` })).status).toBe(204);
    const limited = await post(discord.url, { content: "sixth" });
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ message: "You are being rate limited.", global: false });
    expect(typeof limited.json?.retry_after).toBe("number");
    expect(discord.posted).toHaveLength(5);
  });
});

describe("Microsoft Teams", () => {
  const card = {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        content: { type: "AdaptiveCard", version: "1.4", body: [{ type: "TextBlock", text: "Release 2.4" }] },
      },
    ],
  };

  test("Workflows: 202 for any JSON, the card posted only when Teams can show it; 401 for a wrong sig", async () => {
    const teams = await robots.add(new FakeTeams());
    const ok = await post(teams.url, card);
    expect([ok.status, ok.text]).toEqual([202, ""]);
    const notACard = await post(teams.url, { text: "plain" });
    expect(notACard.status).toBe(202); // the flow run fails later, unseen by the caller
    const wrongSig = await post(teams.url.replace(teams.sig, "nope"), card);
    expect(wrongSig.status).toBe(401);
    expect(teams.posted.map((message) => message.body)).toEqual([card]);
  });

  test('connector: 200 "1", or an error in text', async () => {
    const teams = await robots.add(new FakeTeams({ connector: true }));
    const ok = await post(teams.url, card);
    expect([ok.status, ok.text]).toEqual([200, "1"]);
    const bad = await post(teams.url, { text: "plain" });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/Bad payload/);
    expect(teams.posted).toHaveLength(1);
  });
});
