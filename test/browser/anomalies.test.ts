import { mkdir } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_CREDENTIALS } from "@/lib/demo/account";
import { launchBrowser, screenshot } from "./browser";

/**
 * The anomalies page and the digest preview on the demo data: detection runs from the page,
 * the planted anomalies are listed with their chart, a status change sticks, and the digest
 * preview renders the email. Screenshots also go to $SHOTS_DIR (e.g. /tmp/shots) when set.
 */
const baseUrl = inject("baseUrl");

let browser: Browser;
let page: Page;
let projectBase = "";

async function shoot(name: string): Promise<void> {
  await screenshot(page, name);
  const dir = process.env.SHOTS_DIR;
  if (dir) {
    await mkdir(dir, { recursive: true });
    await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  await page.goto(`${baseUrl}/login`);
  await page.fill("#email", DEMO_CREDENTIALS.email);
  await page.fill("#password", DEMO_CREDENTIALS.password);
  await page.click("button[type=submit]");
  await page.waitForURL(/\/o\/[^/]+\/p\/[^/]+\//);
  projectBase = new URL(page.url()).pathname.replace(/\/[^/]+$/, "");
});

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!inject("embedded"))("anomalies page on the demo data", () => {
  it("runs detection, lists the planted anomalies with the band chart, and records a status change", async () => {
    await page.goto(`${baseUrl}${projectBase}/anomalies?range=90d`);
    const run = page.getByRole("button", { name: "Run detection now" });
    await run.click();
    await expect
      .poll(() => page.getByTestId("anomaly-list").locator("tbody tr").count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await page.getByTestId("anomaly-chart").locator("svg").first().waitFor();
    const list = (await page.getByTestId("anomaly-list").textContent()) ?? "";
    expect(list).toMatch(/Level shift/);
    expect(list).toMatch(/Spike/);
    await page.getByRole("button", { name: "Acknowledge" }).click();
    await expect.poll(() => page.getByTestId("selected-status").textContent()).toBe("acknowledged");
    await page.waitForTimeout(500);
    await shoot("anomalies");
  });

  it("previews the digest of the last week", async () => {
    const org = projectBase.split("/")[2];
    await page.goto(`${baseUrl}/o/${org}/digest`);
    const subject = (await page.getByTestId("email-subject").textContent()) ?? "";
    expect(subject).toMatch(/AI spend/);
    const frame = page.frameLocator("iframe[title^=Email]");
    await expect.poll(() => frame.locator("body").textContent()).toContain("Top movers by feature");
    await shoot("digest-preview");
  });
});
