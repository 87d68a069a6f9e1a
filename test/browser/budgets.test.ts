import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_CREDENTIALS } from "@/lib/demo/account";
import { launchBrowser, screenshot } from "./browser";

/**
 * Budgets end to end in the built app: create a budget on a customer × feature and an email
 * channel from the page, ingest through the API until the budget passes 80%, and see the bar
 * move and the in-app scheduler's alert (ticking every minute) in the channel's delivery log;
 * and a member's own alert emails set from the page.
 */
const baseUrl = inject("baseUrl");

let browser: Browser;
let page: Page;
let projectBase = "";

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1360, height: 1000 } })).newPage();
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

describe.skipIf(!inject("embedded"))("budgets page", () => {
  it("a customer × feature budget crosses 80% after an ingested batch: the bar moves and the alert is in the delivery log", async () => {
    await page.goto(`${baseUrl}${projectBase}/settings/keys`);
    await page.fill("#key-name", "budgets browser test");
    await page.check("input[name=scopes][value=ingest]");
    await page.click("button:has-text('Create key')");
    const key = (await page.getByTestId("new-key-value").textContent()) ?? "";

    await page.goto(`${baseUrl}${projectBase}/budgets`);
    await page.getByRole("link", { name: "Budgets" }).first().waitFor();
    await page.fill("#budget-name", "Browser bot");
    await page.fill("#budget-amount", "10");
    await page.fill("#budget-customer", "browser-acme");
    await page.fill("#budget-feature", "browser-bot");
    await page.click("button:has-text('Create budget')");
    const card = page.locator("[data-testid=budget-card]", { hasText: "Browser bot" });
    await expect.poll(() => card.getByTestId("budget-spent").textContent()).toBe("$0.00 of $10.00 (0%)");

    await page.selectOption("#channel-kind", "email");
    await page.fill("#channel-name", "Finance inbox");
    await page.fill("#channel-target", "finance-alerts@example.test");
    await page.click("button:has-text('Add channel')");
    await page.getByRole("cell", { name: /Finance inbox/ }).waitFor();

    // gpt-4o input at $2.50 per million tokens: 3.4M tokens = $8.50, 85% of the budget.
    const ingested = await page.request.post(`${baseUrl}/api/v1/events`, {
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      data: {
        events: [
          {
            type: "usage",
            event_id: `browser-budget-${Date.now()}`,
            occurred_at: new Date().toISOString(),
            customer: "browser-acme",
            feature: "browser-bot",
            provider: "openai",
            model: "gpt-4o",
            tokens: { input: 3_400_000 },
          },
        ],
      },
    });
    expect(ingested.status()).toBe(200);

    await expect
      .poll(
        async () => {
          await page.reload();
          return card.getByTestId("budget-spent").textContent();
        },
        { timeout: 30_000 },
      )
      .toBe("$8.50 of $10.00 (85%)");
    expect(await card.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("85");

    // The scheduler's alert tick runs every minute.
    const row = page.getByRole("row", { name: /Finance inbox/ });
    await expect
      .poll(
        async () => {
          await page.reload();
          await row.getByRole("button", { name: "Delivery log" }).click();
          return (
            (await page
              .getByRole("table", { name: "Delivery log" })
              .textContent()
              .catch(() => "")) ?? ""
          );
        },
        { timeout: 100_000, interval: 5_000 },
      )
      .toMatch(/Budget “Browser bot” reached 80% \(\$8\.50 of \$10\.00\).*Delivered/);
    await screenshot(page, "budgets");
  }, 240_000);

  it("a member sets their own alert emails on the page, and they are kept", async () => {
    await page.goto(`${baseUrl}${projectBase}/budgets`);
    const panel = page.getByRole("region", { name: "My alert emails" });
    const save = panel.getByRole("button", { name: "Save" });
    await expect.poll(() => save.isEnabled(), { timeout: 30_000 }).toBe(true);
    await panel.getByLabel("Budget alerts").check();
    await panel.getByLabel("Incident emails").selectOption("critical");
    await save.click();
    // The confirmation outlives the refetch that follows the save.
    await expect.poll(() => panel.getByText("Saved.").isVisible()).toBe(true);
    await expect
      .poll(async () => {
        await page.reload();
        await expect.poll(() => save.isEnabled(), { timeout: 30_000 }).toBe(true);
        return [
          await panel.getByLabel("Budget alerts").isChecked(),
          await panel.getByLabel("Incident emails").inputValue(),
        ];
      })
      .toEqual([true, "critical"]);
  }, 120_000);
});
