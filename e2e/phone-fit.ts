import path from "node:path";
import { expect, type Page } from "@playwright/test";

/** An iPhone 12–15 screen, in CSS pixels. */
export const PHONE = { width: 390, height: 844 };
/** The smallest tap target the dashboard offers on a phone, in CSS pixels. */
const TAP = 40;

/**
 * The page is no wider than the phone (nothing to scroll sideways), and every control in it can be tapped: at
 * least TAP × TAP pixels, counting the label that belongs to it. Links inside a sentence are exempt (WCAG 2.5.8).
 */
export async function expectFitsPhone(page: Page, what: string): Promise<void> {
  await page.waitForLoadState("load");
  // PHONE_SCREENS=<folder> keeps a full-page screenshot of each page, to look at.
  const folder = process.env.PHONE_SCREENS;
  if (folder) {
    const file = `${what
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")}.png`;
    await page.screenshot({ path: path.join(folder, file), fullPage: true });
  }
  const report = await page.evaluate(
    ({ width, tap }) => {
      const nameOf = (element: Element) => {
        const text = (element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
        const label = element.getAttribute("aria-label") ?? "";
        return `<${element.tagName.toLowerCase()} class="${element.getAttribute("class") ?? ""}"> ${label || text}`;
      };
      const wide = [...document.body.querySelectorAll("*")]
        .filter((element) => element.getBoundingClientRect().right > width + 0.5)
        .slice(0, 5)
        .map(nameOf);
      const controls = document.querySelectorAll<HTMLElement>(
        "a[href], button, select, input:not([type=hidden]), textarea, summary, [role=switch], [role=checkbox]",
      );
      const small: string[] = [];
      for (const control of controls) {
        // Toasts come and go; a hidden input mirrors a Radix checkbox for forms and takes no taps.
        if (control.closest("[data-sonner-toaster], [aria-hidden=true]")) continue;
        const box = control.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue; // not shown
        if (control.matches("a") && getComputedStyle(control).display === "inline") continue;
        const boxes = [
          box,
          ...[...((control as HTMLInputElement).labels ?? [])].map((l) => l.getBoundingClientRect()),
        ];
        const height = Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.top));
        const across = Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.left));
        if (height < tap - 0.5 || across < tap - 0.5) {
          small.push(`${nameOf(control)} (${Math.round(across)}×${Math.round(height)})`);
        }
      }
      return { scrollWidth: document.documentElement.scrollWidth, wide, small };
    },
    { width: PHONE.width, tap: TAP },
  );
  expect(
    report.scrollWidth,
    `${what} is ${report.scrollWidth} px wide; wider than the phone: ${report.wide.join(" | ")}`,
  ).toBeLessThanOrEqual(PHONE.width);
  expect(report.small, `${what}: controls smaller than ${TAP} px`).toEqual([]);
}
