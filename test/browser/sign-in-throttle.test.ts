import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot } from "./browser";

/**
 * The login form against the running app: past the free attempts for one email (5 by
 * default), the form shows the throttle's message with the wait, not "wrong password".
 */
const baseUrl = inject("baseUrl");

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("sign-in throttling in the login form", () => {
  it("tells the user to wait after repeated wrong passwords for one email", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${baseUrl}/login`);
    const email = `nobody-${Date.now()}@example.test`;
    const alerts: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.fill("#email", email);
      await page.fill("#password", `wrong password ${i}`);
      await Promise.all([
        page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials")),
        page.click("button[type=submit]"),
      ]);
      await page.waitForSelector("button[type=submit]:not([disabled])");
      alerts.push((await page.textContent(".alert-error")) ?? "");
    }
    expect(alerts.slice(0, 5)).toEqual(Array(5).fill("Email or password is wrong."));
    expect(alerts[5]).toMatch(/^Too many sign-in attempts; try again in \d+ seconds?\.$/);
    await screenshot(page, "login-throttled");
  });
});
