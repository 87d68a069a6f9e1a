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
let ingestKey = "";

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

async function createBudget(name: string, amount: string, scope: { customer?: string; feature?: string }) {
  await page.fill("#budget-name", name);
  await page.fill("#budget-amount", amount);
  await page.fill("#budget-customer", scope.customer ?? "");
  await page.fill("#budget-feature", scope.feature ?? "");
  await page.click("button:has-text('Create budget')");
  await page.locator("[data-testid=budget-card]", { hasText: name }).waitFor();
  // A created budget clears the form, so a second click cannot create it twice.
  await expect.poll(() => page.inputValue("#budget-name")).toBe("");
}

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!inject("embedded"))("budgets page", () => {
  it("a customer × feature budget crosses 80% after an ingested batch: the bar moves and the alert is in the delivery log", async () => {
    await page.goto(`${baseUrl}${projectBase}/settings/keys`);
    await page.fill("#key-name", "budgets browser test");
    await page.check("input[name=scopes][value=ingest]");
    await page.click("button:has-text('Create key')");
    ingestKey = (await page.getByTestId("new-key-value").textContent()) ?? "";

    await page.goto(`${baseUrl}${projectBase}/budgets`);
    await page.getByRole("link", { name: "Budgets" }).first().waitFor();
    await createBudget("Browser bot", "10", { customer: "browser-acme", feature: "browser-bot" });
    const card = page.locator("[data-testid=budget-card]", { hasText: "Browser bot" });
    await expect.poll(() => card.getByTestId("budget-spent").textContent()).toBe("$0.00 of $10.00 (0%)");

    await page.selectOption("#channel-kind", "email");
    await page.fill("#channel-name", "Finance inbox");
    await page.fill("#channel-target", "finance-alerts@example.test");
    await page.click("button:has-text('Add channel')");
    await page.getByRole("cell", { name: /Finance inbox/ }).waitFor();

    // gpt-4o input at $2.50 per million tokens: 3.4M tokens = $8.50, 85% of the budget.
    const ingested = await page.request.post(`${baseUrl}/api/v1/events`, {
      headers: { authorization: `Bearer ${ingestKey}`, "content-type": "application/json" },
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

  it("the spend charts have a day axis, a dollar axis and the breach day, and the page has no date-range picker, at 1440 and 390 px", async () => {
    // The period picker does act on the overview: its absence on budgets is the page's choice.
    await page.goto(`${baseUrl}${projectBase}/overview`);
    await page.locator("#range-preset").waitFor();
    await page.goto(`${baseUrl}${projectBase}/budgets`);
    // Over budget already: its chart marks the breach day. The trend's earlier days give its forecast a band.
    await createBudget("Browser cap", "5", { customer: "browser-acme", feature: "browser-bot" });
    await createBudget("Browser trend", "20", { feature: "browser-trend" });
    const day = 86_400_000;
    const events = [1, 2, 3, 4].map((daysAgo) => ({
      type: "usage",
      event_id: `browser-trend-${Date.now()}-${daysAgo}`,
      occurred_at: new Date(Date.now() - daysAgo * day).toISOString(),
      feature: "browser-trend",
      provider: "openai",
      model: "gpt-4o",
      tokens: { input: 200_000 * (1 + (daysAgo % 3)) },
    }));
    const ingested = await page.request.post(`${baseUrl}/api/v1/events`, {
      headers: { authorization: `Bearer ${ingestKey}`, "content-type": "application/json" },
      data: { events },
    });
    expect(ingested.status()).toBe(200);

    const chartOf = (name: string) =>
      page.locator("[data-testid=budget-card]", { hasText: name }).getByTestId("budget-chart");
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 1000 });
      await page.goto(`${baseUrl}${projectBase}/budgets`);
      const chart = chartOf("Browser bot");
      // recharts draws tick labels in their own layer, apart from the axis line.
      const ticks = (axis: string) =>
        chart.locator(`.recharts-${axis}-tick-labels .recharts-cartesian-axis-tick-value`).allTextContents();
      await expect.poll(() => ticks("xAxis")).toContainEqual(expect.stringMatching(/^[A-Z][a-z]{2} 1$/));
      const days = await ticks("xAxis");
      expect(days.length, days.join(", ")).toBeGreaterThanOrEqual(2);
      for (const label of days) expect(label).toMatch(/^[A-Z][a-z]{2} \d{1,2}$/);
      const dollars = await ticks("yAxis");
      expect(dollars[0]).toBe("$0");
      for (const amount of dollars) expect(amount).toMatch(/^\$[\d.,]+k?$/);
      // The budget line and the breach mark are drawn in frames after the axes: waited for, not read once.
      await expect.poll(() => chart.getByText("Budget $10.00").count()).toBe(1);
      await expect
        .poll(() =>
          chartOf("Browser cap")
            .getByText(/^Breached [A-Z][a-z]{2} \d{1,2}$/)
            .count(),
        )
        .toBe(1);
      expect(await page.locator("#range-preset").count()).toBe(0);
      // Nothing wider than the screen: the page never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      await screenshot(page, `budgets-${width}`);
    }
    for (const rest of ["send-data", "settings/keys"]) {
      await page.goto(`${baseUrl}${projectBase}/${rest}`);
      await page.locator("main h1").first().waitFor();
      expect(await page.locator("#range-preset").count(), rest).toBe(0);
    }
    await page.setViewportSize({ width: 1360, height: 1000 });
  }, 120_000);

  it("a webhook to a loopback address is refused in the form with the field and the reason, and not added", async () => {
    await page.goto(`${baseUrl}${projectBase}/budgets`);
    await page.selectOption("#channel-kind", "webhook");
    await page.fill("#channel-name", "Loopback hook");
    await page.fill("#channel-target", "http://127.0.0.1:9/hook");
    await page.click("button:has-text('Add channel')");
    const form = page.getByRole("form", { name: "New alert channel" });
    // The reason sits under the field it is about, which is marked invalid.
    await expect
      .poll(() => form.locator("#channel-target-error").textContent())
      .toBe("must be a URL on the public internet (127.0.0.1 is a loopback address) for a webhook channel");
    expect(await form.locator("#channel-target").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByRole("cell", { name: /Loopback hook/ }).count()).toBe(0);

    // A budget refused on two fields: each reason under its field, none in wire names.
    const budget = page.getByRole("form", { name: "New budget" });
    await page.fill("#budget-name", "Refused budget");
    await page.fill("#budget-amount", "-5");
    await page.fill("#budget-actual", "abc");
    await budget.getByRole("button", { name: "Create budget" }).click();
    await expect.poll(() => budget.locator("#budget-amount-error").textContent()).toMatch(/^must be/);
    expect(await budget.locator("#budget-actual-error").textContent()).toBeTruthy();
    expect(await budget.locator("#budget-amount").getAttribute("aria-invalid")).toBe("true");
    expect(await budget.locator(".alert-error").count()).toBe(0);
    expect(await page.getByText("Refused budget").count()).toBe(0);
  }, 60_000);

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
