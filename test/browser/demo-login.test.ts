import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_CREDENTIALS } from "@/lib/demo/account";
import { launchBrowser, screenshot } from "./browser";

const baseUrl = inject("baseUrl");
const embedded = inject("embedded");

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!embedded)("demo mode on the embedded database", () => {
  it("shows the demo credentials on the login page, and they work", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${baseUrl}/login`);
    const box = page.getByTestId("demo-credentials");
    expect(await box.textContent()).toContain(DEMO_CREDENTIALS.email);
    expect(await box.textContent()).toContain(DEMO_CREDENTIALS.password);
    await screenshot(page, "login-demo");
    await page.fill("#email", DEMO_CREDENTIALS.email);
    await page.fill("#password", DEMO_CREDENTIALS.password);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/p\/production\/overview/);
    expect(await page.textContent("header")).toContain("Demo Co");
  });
});

describe.skipIf(embedded)("on PostgreSQL (no demo)", () => {
  it("shows no demo credentials on the login page", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByRole("form", { name: "Log in" }).waitFor();
    expect(await page.getByTestId("demo-credentials").count()).toBe(0);
  });
});
