import { expect, type Locator, type Page, test } from "@playwright/test";
import { createApp, row, signUp, toast, uniqueEmail, uploadVersion } from "./helpers";
import { expectFitsPhone, PHONE } from "./phone-fit";
import { startReceiver } from "./receiver";

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

/** Opens the header's menu (collapsed on a phone); answers its navigation. */
async function openMenu(page: Page): Promise<Locator> {
  const button = page.getByRole("button", { name: "Menu" });
  if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeVisible();
  return nav;
}

test("every dashboard page fits a 390 px phone, with tap targets of 40 px", async ({ page }) => {
  test.setTimeout(360_000);
  const receiver = await startReceiver();
  const ownerEmail = uniqueEmail("phone");
  try {
    await test.step("sign up and sign in", async () => {
      await page.goto("/login");
      await expectFitsPhone(page, "Sign in");
      await page.goto("/signup");
      await expectFitsPhone(page, "Sign up");
      await signUp(page, "Penny Phone", ownerEmail);
      await expect(page.getByRole("heading", { name: "My Apps" })).toBeVisible();
      await expectFitsPhone(page, "My Apps (empty)");
    });

    let appKey = "";
    await test.step("new app, and its overview", async () => {
      await page.getByRole("link", { name: "New app" }).first().click();
      await expect(page.getByLabel("App name")).toBeVisible();
      await expectFitsPhone(page, "New app");
      await page.getByLabel("App name").fill("Pocket Play");
      await page.getByLabel("Platform").selectOption({ label: "Android" });
      await page.getByLabel("Bundle ID").fill("com.example.pocketplay.with.a.rather.long.bundle.identifier");
      await page.getByRole("button", { name: "Create app" }).click();
      await expect(page.getByRole("heading", { name: "Pocket Play", level: 1 })).toBeVisible();
      appKey = new URL(page.url()).pathname.split("/")[2] ?? "";
      await expectFitsPhone(page, "App overview (empty)");
    });

    const hook = `${receiver.url}/hooks/builds/production/eu-west-1?token=0123456789abcdefghijklmnopqrstuvwxyz`;
    await test.step("webhooks: the first form, the list, a new one, an edit", async () => {
      await page.getByRole("link", { name: "Setting", exact: true }).click();
      await expect(page.getByLabel("Webhook Name")).toBeVisible();
      await expectFitsPhone(page, "Webhook (first form)");
      await page.getByLabel("Webhook Name").fill("Build server");
      await page.getByLabel("URL").fill(hook);
      await page.getByRole("button", { name: "Save Info" }).click();
      await expect(toast(page, "Webhook “Build server” created")).toBeVisible();
      await page.getByRole("link", { name: "Create Webhook" }).click();
      await expect(page.getByLabel("Webhook Name")).toBeVisible();
      await expectFitsPhone(page, "Create Webhook");
      await page.getByLabel("Webhook Name").fill("Release notes to the whole company");
      await page.getByLabel("URL").fill(`${receiver.url}/hooks/releases`);
      await page.getByLabel("Feedback", { exact: true }).uncheck();
      await page.getByRole("button", { name: "Save Info" }).click();
      await expect(toast(page, "Webhook “Release notes to the whole company” created")).toBeVisible();
      await expect(row(page, "Build server")).toBeVisible();
      await expectFitsPhone(page, "Webhook list");
      // Every column of a row is on screen: its state, success rate and actions included.
      const build = row(page, "Build server");
      for (const control of [
        build.getByRole("switch", { name: "Webhook State of Build server" }),
        build.getByRole("link", { name: "Edit" }),
        build.getByRole("button", { name: "Delete" }),
      ]) {
        await expect(control).toBeInViewport();
      }
      await expect(build.getByText("No attempts")).toBeInViewport();
    });

    await test.step("a version upload is delivered; the deliveries, one delivery and the webhook's page", async () => {
      await uploadVersion(page, { version: "2.0", build: "200", size: "1048576", notes: "Pocket-sized" });
      await expectFitsPhone(page, "Versions");
      await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
      await page.getByRole("link", { name: "Setting", exact: true }).click();
      await row(page, "Build server").getByRole("link", { name: "Deliveries" }).click();
      await expect(page.getByRole("heading", { name: "Deliveries of “Build server”" })).toBeVisible();
      await page.getByRole("button", { name: "Send test" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Test delivered" })).toBeVisible();
      await expect(page.getByRole("row").filter({ hasText: "App update" }).first()).toContainText(
        "Succeeded",
      );
      await page.reload(); // the health chart now has attempts (and its table for screen readers)
      await expect(page.getByRole("img", { name: /Attempts per hour over/ })).toBeVisible();
      await expectFitsPhone(page, "Recent deliveries");
      await page
        .getByRole("row")
        .filter({ hasText: "App update" })
        .first()
        .getByRole("link", { name: /^View/ })
        .click();
      await expect(page.getByRole("region", { name: "Attempt 1" })).toBeVisible();
      await expectFitsPhone(page, "Delivery detail");
      await page.getByRole("link", { name: "Setting", exact: true }).click();
      await row(page, "Build server").getByRole("link", { name: "Edit" }).click();
      await expect(page.getByLabel("Webhook Name")).toHaveValue("Build server");
      await expectFitsPhone(page, "Edit webhook");
    });

    await test.step("versions: upload form", async () => {
      await page.getByRole("link", { name: "Versions" }).click();
      await page.getByRole("link", { name: "Upload version" }).first().click();
      await expect(page.getByLabel("Release notes")).toBeVisible();
      await expectFitsPhone(page, "Upload version");
    });

    await test.step("setting: general, delete", async () => {
      for (const [path, label] of [
        ["general", "App name"],
        ["delete", "Type the app name to confirm"],
      ] as const) {
        await page.goto(`/apps/${appKey}/settings/${path}`);
        await expect(page.getByLabel(label)).toBeVisible();
        await expectFitsPhone(page, `Setting → ${path}`);
      }
    });

    let apiKey = "";
    await test.step("team: members with an invite, API keys with a key", async () => {
      await (await openMenu(page)).getByRole("link", { name: "Members" }).click();
      await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
      await page.getByRole("button", { name: "Create invite link" }).click();
      await expect(page.getByLabel("Invite link")).toBeVisible();
      await expect(page.getByRole("button", { name: "Revoke" })).toBeVisible();
      await expectFitsPhone(page, "Members");
      await (await openMenu(page)).getByRole("link", { name: "API keys" }).click();
      await page.getByLabel("Key name").fill("CI uploads from the release pipeline");
      await page.getByRole("button", { name: "Create API key" }).click();
      apiKey = await page.getByLabel("New API key").inputValue();
      await expect(row(page, "CI uploads from the release pipeline")).toBeVisible();
      await expectFitsPhone(page, "API keys");
    });

    await test.step("the overview with feedback and a crash report", async () => {
      const headers = { authorization: `Bearer ${apiKey}` };
      for (const data of [
        {
          type: "feedback",
          content: "The upload button hides behind the keyboard on my phone.",
          contact: "someone.with.a.long.address@example.com",
          device: "Pixel 8 Pro",
          version: "2.0",
          build: "200",
        },
        {
          type: "crashlog",
          exception: "java.lang.IllegalStateException: Fragment PocketFragment not attached to a context",
          stack: "at com.example.pocketplay.PocketFragment.requireContext(PocketFragment.java:101)",
          device: "Pixel 8 Pro",
          version: "2.0",
          build: "200",
        },
      ]) {
        const response = await page.request.post(`/api/v1/apps/${appKey}/events`, { headers, data });
        expect(response.status()).toBe(202);
      }
      await page.goto(`/apps/${appKey}`);
      await expect(row(page, "Fragment PocketFragment")).toBeVisible();
      await expectFitsPhone(page, "App overview");
      await (await openMenu(page)).getByRole("link", { name: "My Apps" }).click();
      await expect(row(page, "Pocket Play")).toBeVisible();
      await expectFitsPhone(page, "My Apps");
    });

    await test.step("API reference; the event catalog; a new team, then Setting → Transfer to it", async () => {
      await (await openMenu(page)).getByRole("link", { name: "API reference" }).click();
      await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
      await expectFitsPhone(page, "API reference");
      await (await openMenu(page)).getByRole("link", { name: "Event catalog" }).click();
      await expect(page.getByRole("heading", { name: "Event catalog", level: 1 })).toBeVisible();
      await page.getByLabel("Format").selectOption({ label: "Microsoft Teams" });
      await page.getByText("Fields of the JSON body").first().click();
      await expectFitsPhone(page, "Event catalog");
      await openMenu(page);
      await page.getByRole("link", { name: "New team" }).click();
      await expect(page.getByLabel("Team name")).toBeVisible();
      await expectFitsPhone(page, "New team");
      await page.getByLabel("Team name").fill("Pocket studio");
      await page.getByRole("button", { name: "Create team" }).click();
      await expect(page.getByRole("heading", { name: "My Apps" })).toBeVisible();
      await page.goto(`/apps/${appKey}/settings/transfer`);
      await expect(page.getByLabel("Target team")).toBeVisible();
      await expectFitsPhone(page, "Setting → transfer");
    });
  } finally {
    await receiver.close();
  }
});

test("on a phone the header is one row, with a menu that opens by keyboard and leads to each section", async ({
  page,
}) => {
  await page.goto("/signup");
  await signUp(page, "Milo Menu", uniqueEmail("menu"));
  await expect(page.getByRole("heading", { name: "My Apps" })).toBeVisible();

  const menu = page.getByRole("button", { name: "Menu" });
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  const header = await page.getByRole("banner").boundingBox();
  expect(header?.height).toBeLessThanOrEqual(64);

  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(nav.getByRole("link", { name: "My Apps" })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: "My Apps" })).toBeFocused();
  for (const name of ["Members", "API keys", "Event catalog", "API reference"]) {
    await expect(nav.getByRole("link", { name })).toBeVisible();
  }
  await expect(page.getByLabel("Team", { exact: true })).toBeVisible();
  await expectFitsPhone(page, "Menu open");
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();

  await page.keyboard.press("Space");
  await nav.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
  // Going to another page closed the menu; open again, it marks where the user is.
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  await openMenu(page);
  await expect(nav.getByRole("link", { name: "Members" })).toHaveAttribute("aria-current", "page");
  await page.locator("summary", { hasText: "Milo Menu" }).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
});

test("on a phone a toast covers neither the header nor, scrolled to the end, a table's last row", async ({
  page,
}) => {
  await page.goto("/signup");
  await signUp(page, "Tess Toast", uniqueEmail("toast"));
  await createApp(page, "Toast Play");
  await page.getByRole("link", { name: "Setting", exact: true }).click();
  const names = ["Build server", "Nightly builds", "Release notes"];
  for (const [index, name] of names.entries()) {
    if (index > 0) await page.getByRole("link", { name: "Create Webhook" }).click();
    await page.getByLabel("Webhook Name").fill(name);
    await page.getByLabel("URL").fill(`http://127.0.0.1:4999/hooks/${index}`);
    await page.getByRole("button", { name: "Save Info" }).click();
    await expect(toast(page, `Webhook “${name}” created`)).toBeVisible();
  }

  // The last row's switch, at the end of the page: its toast comes up at the bottom of the screen.
  const last = row(page, "Release notes");
  await last.getByRole("switch", { name: "Webhook State of Release notes" }).click();
  const shown = toast(page, "Webhook “Release notes” turned off");
  await expect(shown).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const toastBox = await shown.boundingBox();
  const rowBox = await last.boundingBox();
  expect(toastBox && rowBox).toBeTruthy();
  if (!toastBox || !rowBox) return;
  expect(rowBox.y + rowBox.height).toBeLessThanOrEqual(toastBox.y);
  // Both stay tappable while the toast is up (a trial click checks nothing else is on top).
  await last.getByRole("button", { name: "Delete" }).click({ trial: true });
  await page.getByRole("button", { name: "Menu" }).click({ trial: true });
  await expect(shown).toBeVisible();
});
