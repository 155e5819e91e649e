import { type Page, test as signedOut } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createFirstWebhook } from "./helpers";

const STATIC_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
};

/** Records every Content-Security-Policy violation and every console error the page reports. */
async function watchViolations(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.exposeFunction("reportCspViolation", (text: string) => problems.push(`CSP: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return problems;
}

signedOut(
  "every response sends the security headers; a page runs without a CSP violation",
  async ({ page, request }) => {
    const problems = await watchViolations(page);

    await signedOut.step(
      "a page: a Content-Security-Policy with a fresh script nonce, and the static headers",
      async () => {
        const first = await page.goto("/login");
        const headers = first?.headers() ?? {};
        expect(headers).toMatchObject(STATIC_HEADERS);
        expect(headers["permissions-policy"]).toContain("camera=()");
        const policy = headers["content-security-policy"] ?? "";
        expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
        for (const directive of ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'"]) {
          expect(policy).toContain(directive);
        }
        // Over plain http, no Strict-Transport-Security.
        expect(headers["strict-transport-security"]).toBeUndefined();
        const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
        expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
        const again = await page.goto("/login");
        expect(again?.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
      },
    );

    await signedOut.step(
      "a server action posted from another site is refused with 403 (not a 500)",
      async () => {
        const forged = await request.post("/login", {
          headers: {
            "next-action": "0".repeat(40),
            origin: "https://evil.example",
            "content-type": "text/plain",
          },
          data: "[]",
        });
        expect(forged.status()).toBe(403);
      },
    );

    await signedOut.step("an API route and a static asset get the static headers", async () => {
      const api = await request.get("/api/v1/openapi.json");
      expect(api.headers()).toMatchObject(STATIC_HEADERS);
      // Outside its routes the API still answers in its own JSON shape: 404 for a path, 405 with Allow for a method.
      const unknown = await request.get("/api/v1/no-such-route");
      expect(unknown.status()).toBe(404);
      expect((await unknown.json()).error.code).toBe("not_found");
      const wrongMethod = await request.put("/api/v1/apps");
      expect(wrongMethod.status()).toBe(405);
      expect(wrongMethod.headers().allow).toBe("GET, POST");
      expect((await wrongMethod.json()).error.code).toBe("method_not_allowed");
      const script = await page.locator("script[src]").first().getAttribute("src");
      if (!script) throw new Error("the page loads no script file");
      const asset = await request.get(script);
      expect(asset.status()).toBe(200);
      expect(asset.headers()).toMatchObject(STATIC_HEADERS);
    });

    expect(problems).toEqual([]);
  },
);

test("the pages of a signed-in user, with their scripts and interactions, violate nothing", async ({
  page,
  app,
}) => {
  const problems = await watchViolations(page);
  const appKey = app.key;
  await page.goto(`/apps/${appKey}`);
  await createFirstWebhook(page, "Policy hook", "http://127.0.0.1:4999/hooks/csp");
  await page.getByRole("link", { name: "Recent deliveries" }).click();
  await expect(page.getByRole("heading", { name: "Deliveries of “Policy hook”" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  for (const path of [
    "/apps",
    `/apps/${appKey}`,
    `/apps/${appKey}/versions`,
    `/apps/${appKey}/versions/new`,
    `/apps/${appKey}/settings/general`,
    `/apps/${appKey}/settings/webhooks`,
    `/apps/${appKey}/settings/transfer`,
    `/apps/${appKey}/settings/delete`,
    "/apps/new",
    "/team/members",
    "/team/api-keys",
    "/teams/new",
    "/api-reference",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(response?.headers()["content-security-policy"], path).toContain("'strict-dynamic'");
    await page.waitForLoadState("networkidle");
  }
  expect(problems).toEqual([]);
});
