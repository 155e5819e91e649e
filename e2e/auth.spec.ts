import { expect, test } from "@playwright/test";
import { alert, PASSWORD, signIn, signUp, uniqueEmail } from "./helpers";

// These tests sign up through the sign-up page themselves: it is what they test. Other specs start signed in
// (e2e/fixtures.ts), from an account made through this same page.
test("sign-up errors name the field; a new account lands on its empty app list; a taken email is refused", async ({
  page,
}) => {
  const email = uniqueEmail("taken");
  await page.goto("/signup");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(page.getByText("Password must be at least 8 characters.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");

  await signUp(page, "Tina Taken", email);
  await expect(page.getByRole("heading", { name: "My Apps" })).toBeVisible();
  await expect(page.getByText("No apps yet")).toBeVisible();
  await page.context().clearCookies();
  await page.goto("/signup");
  await signUp(page, "Someone Else", email.toUpperCase());
  await expect(page.getByText("An account with this email already exists. Sign in instead.")).toBeVisible();
});

test("failed sign-ins are rate limited with a clear message", async ({ page }) => {
  const email = uniqueEmail("limited");
  await page.goto("/signup");
  await signUp(page, "Lena Limited", email);
  await expect(page.getByRole("heading", { name: "My Apps" })).toBeVisible();
  await page.context().clearCookies();

  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(page, email, "wrong password");
    await expect(alert(page, "Email or password is incorrect.")).toBeVisible();
  }
  // Even the right password is refused until the window has passed.
  await signIn(page, email, PASSWORD);
  await expect(alert(page, "Too many failed sign-in attempts for this account.")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});
