import { expect, test } from "./fixtures";

test("a server action's arguments nested 20,000 deep are refused with a 400, not a 500", async ({
  page,
  app,
}) => {
  await page.goto(`/apps/${app.key}/settings/webhooks`);
  await page.getByLabel("Webhook Name").fill("Deep");
  await page.getByLabel("URL").fill("https://receiver.example.test/deep");

  // Capture the real "Save Info" action request (three arguments: the form's preview action sends two), then
  // replay it with hostile arguments.
  const [action] = await Promise.all([
    page.waitForRequest(
      (request) =>
        request.method() === "POST" &&
        Boolean(request.headers()["next-action"]) &&
        (JSON.parse(request.postData() ?? "[]") as unknown[]).length === 3,
    ),
    page.getByRole("button", { name: "Save Info" }).click(),
  ]);
  const args = JSON.parse(action.postData() ?? "[]") as unknown[];
  expect(args).toHaveLength(3);
  const values = args[2] as Record<string, unknown>;
  const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
  const body = JSON.stringify([args[0], args[1], { ...values, name: "Deeper", enabled: "DEEP" }]).replace(
    '"enabled":"DEEP"',
    `"enabled":${deep}`,
  );
  const headers = { ...action.headers() };
  delete headers["content-length"];
  const response = await page.request.post(action.url(), { headers, data: body });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain("nested more than 80 levels deep");
  // The real save went through.
  await expect(page.getByRole("row").filter({ hasText: "Deep" })).toBeVisible();
});
