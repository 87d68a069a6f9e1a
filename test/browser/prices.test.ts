import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_CREDENTIALS } from "@/lib/demo/account";
import { launchBrowser, screenshot } from "./browser";

/**
 * Settings -> Prices on the demo data, as an engineer uses it: search the catalog and read an
 * entry's history, see the demo's unpriced fine-tune, add its price in one click (the form is
 * prefilled; a bad price is refused naming the field), then preview the re-price. The override
 * is deleted at the end and nothing is re-priced, so the other browser tests see the demo as seeded.
 * Screenshots: test-results/browser and /tmp/shots (or $SHOTS_DIR): prices.png and prices-*.png.
 */
const baseUrl = inject("baseUrl");
const embedded = inject("embedded");
const SHOTS_DIR = process.env.SHOTS_DIR ?? "/tmp/shots";
const FINE_TUNE = "ft:gpt-4o-mini:demo-co:triage-v2";

let browser: Browser;
let page: Page;
let pricesPath = "";

async function shoot(name: string): Promise<void> {
  await screenshot(page, name);
  await mkdir(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  await page.goto(`${baseUrl}/login`);
  await page.fill("#email", DEMO_CREDENTIALS.email);
  await page.fill("#password", DEMO_CREDENTIALS.password);
  await page.click("button[type=submit]");
  await page.waitForURL(/\/p\/[^/]+\/overview/);
  pricesPath = new URL(page.url()).pathname.replace(/\/overview$/, "/settings/prices");
});

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!embedded)("Settings -> Prices", () => {
  it("searches the catalog and shows an entry's history", async () => {
    await page.goto(`${baseUrl}${pricesPath}`);
    const rows = page.getByTestId("catalog-row");
    await rows.first().waitFor();
    await page.getByLabel("Search the catalog").fill("claude sonnet 4-5");
    await expect
      .poll(async () => (await rows.allTextContents()).every((text) => /claude/.test(text) && /sonnet/.test(text)))
      .toBe(true);
    const anthropic = rows
      .filter({ hasText: "anthropic" })
      .filter({ hasText: /^claude-sonnet-4-5\b/ })
      .first();
    await expect.poll(() => anthropic.count()).toBe(1);
    expect(await anthropic.textContent()).toContain("$3");
    await anthropic.getByRole("button", { name: "History" }).click();
    await page.getByTestId("entry-history").locator("tbody tr").first().waitFor();
    expect(await page.getByTestId("entry-history").textContent()).toContain("catalog");
  });

  it("adds a price to the unpriced fine-tune and previews the re-price", async () => {
    const unpriced = page.getByTestId("unpriced-row").filter({ hasText: FINE_TUNE });
    await unpriced.waitFor();
    await unpriced.getByRole("button", { name: "Add price" }).click();
    const form = page.getByTestId("override-form");
    await form.waitFor();
    expect(await form.locator("input[name=model]").inputValue()).toBe(FINE_TUNE);
    expect(await form.locator("input[name=provider]").inputValue()).toBe("openai");

    await form.locator("input[name=input]").fill("0.3O");
    await form.locator("input[name=output]").fill("1.20");
    await form.getByRole("button", { name: "Add override" }).click();
    await expect.poll(() => form.getByRole("alert").textContent()).toMatch(/^usd_per_mtok\.input:/);
    await shoot("prices-error");

    await form.locator("input[name=input]").fill("0.30");
    await form.getByRole("button", { name: "Add override" }).click();
    await page.getByTestId("override-row").filter({ hasText: FINE_TUNE }).waitFor();
    const card = page.getByTestId("reprice-card");
    // The saved override's model is handed to the re-price form once the save has finished.
    await expect.poll(() => card.locator("input[name=model]").inputValue()).toBe(FINE_TUNE);
    await card.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByTestId("reprice-preview");
    await preview.waitFor();
    const summary = (await preview.getByRole("status").textContent()) ?? "";
    expect(summary).toMatch(
      /^Preview: [\d,]+ of [\d,]+ events would change; total \$0\.00 → \$[\d.,]+; unpriced events \d+ → 0\.$/,
    );
    expect(await preview.getByRole("button", { name: /^Re-price [\d,]+ events$/ }).count()).toBe(1);
    await shoot("prices");

    page.once("dialog", (dialog) => void dialog.accept());
    await page
      .getByTestId("override-row")
      .filter({ hasText: FINE_TUNE })
      .getByRole("button", { name: "Delete" })
      .click();
    await expect.poll(() => page.getByTestId("override-row").filter({ hasText: FINE_TUNE }).count()).toBe(0);
  });
});
