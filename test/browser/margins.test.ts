import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_CREDENTIALS } from "@/lib/demo/account";
import { demoCustomers } from "@/lib/demo/generate";
import { launchBrowser, screenshot } from "./browser";

/**
 * The pricing & margin page on the demo data, as a finance lead uses it: invited as finance,
 * creates a usage-based and an outcome-based plan, makes per-outcome pricing the default,
 * compares it with usage-based, finds the loss-making customers, runs a "cheaper model"
 * scenario and exports the customers CSV. A viewer then finds no mutating control.
 * Screenshots: test-results/browser and /tmp/shots (or $SHOTS_DIR) as margins-*.png.
 */
const baseUrl = inject("baseUrl");
const embedded = inject("embedded");
const SHOTS_DIR = process.env.SHOTS_DIR ?? "/tmp/shots";

let browser: Browser;
let ownerContext: BrowserContext;
let owner: Page;
let orgPath = "";
let pricingPath = "";

async function shoot(page: Page, name: string): Promise<void> {
  await screenshot(page, `margins-${name}`);
  await mkdir(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, `margins-${name}.png`), fullPage: true });
}

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await expect.poll(() => page.locator("[role=status][aria-label^=Loading]").count()).toBe(0);
}

async function invite(role: "finance" | "viewer"): Promise<string> {
  await owner.goto(`${baseUrl}${orgPath}/settings/members`);
  await owner.fill("#invite-email", `${role}-${Date.now()}@example.test`);
  await owner.selectOption("#invite-role", role);
  await owner.click("text=Create invite link");
  const link = owner.getByTestId("invite-link");
  await link.waitFor();
  return (await link.textContent()) ?? "";
}

async function join(link: string, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(link);
  await page.fill("#signup-name", name);
  await page.fill("#signup-password", "a long password for margins");
  await page.click("button[type=submit]");
  await page.waitForURL(/\/p\/[^/]+\/overview/);
  return { context, page };
}

beforeAll(async () => {
  browser = await launchBrowser();
  ownerContext = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  owner = await ownerContext.newPage();
  await owner.goto(`${baseUrl}/login`);
  await owner.fill("#email", DEMO_CREDENTIALS.email);
  await owner.fill("#password", DEMO_CREDENTIALS.password);
  await owner.click("button[type=submit]");
  await owner.waitForURL(/\/p\/[^/]+\/overview/);
  const projectBase = new URL(owner.url()).pathname.replace(/\/overview$/, "");
  orgPath = projectBase.replace(/\/p\/[^/]+$/, "");
  pricingPath = `${projectBase}/pricing?range=30d`;
});

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!embedded)("pricing & margin on the demo data", () => {
  let finance: { context: BrowserContext; page: Page };
  let page: Page;

  beforeAll(async () => {
    finance = await join(await invite("finance"), "Fiona Finance");
    page = finance.page;
  });

  afterAll(async () => {
    await finance?.context.close();
  });

  it("opens on usage-based vs outcome-based per customer, with break-even prices", async () => {
    await page.goto(`${baseUrl}${pricingPath}`);
    await settled(page);
    await expect.poll(() => page.getByTestId("compare-plan").inputValue()).toBe("outcome-based");
    await expect.poll(() => page.getByTestId("gainers").locator("li").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("losers").locator("li").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("break-even").locator("li").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("total-loaded-cost").textContent()).toMatch(/\$[\d,]+\.\d{2}/);
    await shoot(page, "usage-vs-outcome");
  });

  it("shows a subscriber's billing: plan, allowance used with its bar, invoice preview", async () => {
    // Rank 5 is on the demo's Enterprise $600/month subscription ($400 of usage cost included a month).
    const subscriber = demoCustomers(200)[5]!.id;
    await page.goto(`${baseUrl}${pricingPath.replace(/\/pricing\?.*/, "")}/customers/${subscriber}?range=30d`);
    await settled(page);
    const billing = page.getByTestId("customer-billing");
    await billing.getByTestId("invoice-preview").waitFor();
    expect(await billing.textContent()).toContain("Plans in force: Enterprise $600/month, $400 included (");
    const allowance = billing.getByTestId("billing-allowance").first();
    expect(await allowance.textContent()).toMatch(
      /^Enterprise \$600\/month, \$400 included, \w{3} \d+ – \w{3} \d+( \(\d+ of \d+ days, prorated\))?: \$[\d,]+\.\d{2} of the \$[\d,]+\.\d{2} included usage cost used \([<\d,]+%\); (\$[\d,]+\.\d{2} left|used up on \w{3} \d+, usage after that is charged as overage)\.$/,
    );
    const bar = allowance.getByRole("progressbar");
    expect(Number(await bar.getAttribute("aria-valuenow"))).toBeGreaterThan(0);
    // The invoice preview's lines add up to its total, to the cent.
    const amounts = await billing
      .locator("[data-testid=invoice-preview] tbody tr td.num")
      .evaluateAll((cells) =>
        cells.map((cell) => Math.round(Number((cell.textContent ?? "").replace(/[$,]/g, "")) * 100)),
      );
    const total = amounts.pop()!;
    expect(Math.abs(amounts.reduce((sum, cents) => sum + cents, 0) - total)).toBeLessThanOrEqual(amounts.length);
    await shoot(page, "customer-billing");
  });

  it("creates a usage-based and an outcome-based plan, with field-named errors first", async () => {
    await page.goto(`${baseUrl}${pricingPath}`);
    await settled(page);
    await page.getByTestId("tab-plans").click();
    await page.getByTestId("new-plan").click();
    const editor = page.getByTestId("plan-editor");
    await editor.getByLabel("Usage-based").check();
    await editor.locator("input[name=name]").fill("Cost plus 40%");
    await editor.locator("input[name=markupPercent]").fill("forty");
    await page.getByTestId("save-plan").click();
    await expect
      .poll(() => editor.locator(".field-error").first().textContent())
      .toContain("markup_percent must be a decimal percentage");
    await shoot(page, "plan-error");
    await editor.locator("input[name=markupPercent]").fill("40");
    await page.getByTestId("save-plan").click();
    await page.locator("[data-plan=cost-plus-40]").waitFor();

    await page.getByTestId("new-plan").click();
    await editor.getByLabel("Outcome-based").check();
    await editor.locator("input[name=name]").fill("Per outcome");
    const types = await editor
      .locator("input[name^=outcomeType-]")
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(types).toContain("ticket_resolved");
    for (let index = 0; index < types.length; index++)
      await editor
        .locator(`input[name=outcomePrice-${index}]`)
        .fill(types[index] === "ticket_resolved" ? "0.40" : "0.05");
    await page.getByTestId("save-plan").click();
    await page.locator("[data-plan=per-outcome]").waitFor();

    await page.getByTestId("default-plan").selectOption("per-outcome");
    await page.getByTestId("set-default-plan").click();
    await page.getByText("Assignments saved").waitFor();
    await shoot(page, "plans");
  });

  it("compares per-outcome pricing with usage-based and shows the loss-making customers", async () => {
    await page.getByTestId("tab-margins").click();
    await settled(page);
    await expect.poll(async () => page.getByTestId("total-revenue").textContent()).toMatch(/\$[\d,]+\.\d{2}/);
    expect(await page.getByTestId("total-cost").textContent()).toMatch(/\$[\d,]+\.\d{2}/);
    await page.getByTestId("compare-plan").selectOption("cost-plus-40");
    await settled(page);
    await expect.poll(() => page.getByTestId("gainers").locator("li").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("comparison-delta").textContent()).toMatch(/\$/);
    const losers = page.getByTestId("loss-making").locator("li");
    expect(await losers.count()).toBeGreaterThan(0);
    expect(await page.getByTestId("revenue-at-risk").textContent()).toMatch(/\$[\d,]+\.\d{2} revenue at risk/);
    expect(await page.locator("[data-testid=margin-distribution] .recharts-bar-rectangle").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("outcome-table").locator("tbody tr").count()).toBeGreaterThan(0);
    // Every table's header names every column (a shared table component once dropped one).
    const shapes = await page.$$eval("table.data", (tables) =>
      tables.map((table) => ({
        table: table.getAttribute("data-testid") ?? "a table",
        headers: table.querySelectorAll("thead th").length,
        cells: table.querySelector("tbody tr")?.querySelectorAll("td, th").length ?? null,
      })),
    );
    expect(shapes.length).toBeGreaterThan(2);
    for (const shape of shapes) if (shape.cells !== null) expect(shape.headers, shape.table).toBe(shape.cells);
    // Every revenue figure explains itself on hover.
    const title = await page
      .getByTestId("customers-table")
      .locator("tbody tr td:nth-child(4) span")
      .first()
      .getAttribute("title");
    expect(title).toMatch(/ — .*×|Imported|No charges/);
    await shoot(page, "overview");
  });

  it("keeps the tab and the compared plan in the URL across a reload", async () => {
    await page.getByTestId("tab-margins").click();
    await page.getByTestId("compare-plan").selectOption("cost-plus-40");
    await expect.poll(() => new URL(page.url()).searchParams.get("plan")).toBe("cost-plus-40");
    await page.reload();
    await settled(page);
    expect(await page.getByTestId("compare-plan").inputValue()).toBe("cost-plus-40");
    await page.getByTestId("tab-simulator").click();
    await expect.poll(() => new URL(page.url()).searchParams.get("tab")).toBe("simulator");
    await page.reload();
    await settled(page);
    expect(await page.getByTestId("tab-simulator").getAttribute("aria-selected")).toBe("true");
    await page.getByTestId("tab-plans").click();
    await expect.poll(() => new URL(page.url()).searchParams.get("tab")).toBe("plans");
    await page.reload();
    expect(await page.getByTestId("tab-plans").getAttribute("aria-selected")).toBe("true");
    // Back to margins: the default tab leaves the URL, the compared plan stays.
    await page.getByTestId("tab-margins").click();
    await expect.poll(() => new URL(page.url()).searchParams.has("tab")).toBe(false);
    expect(new URL(page.url()).searchParams.get("plan")).toBe("cost-plus-40");
  });

  it("exports the customers CSV with one row per customer", async () => {
    await page.getByTestId("customers-show-all").click();
    const rows = await page.getByTestId("customers-table").locator("tbody tr").count();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("margins-csv").click()]);
    const body = await readFile((await download.path())!, "utf8");
    const lines = body.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      "customer,plans,revenue_source,requests,cost_usd,loaded_cost_usd,revenue_usd,margin_usd,margin_pct,usage_margin_usd,revenue_under_cost-plus-40,margin_under_cost-plus-40,margin_delta",
    );
    expect(lines.length - 1).toBe(rows);
    // A new default plan starts with the next billing period: this range is still charged by the demo's standard plan.
    expect(lines.some((line) => /,standard,computed,\d+,\d+\.\d{2,15},/.test(line))).toBe(true);
    expect(lines.some((line) => line.includes("per-outcome"))).toBe(false);
  });

  it("runs a cheaper-model scenario on the real history and saves it", async () => {
    await page.getByTestId("tab-simulator").click();
    const from = page.getByTestId("move-from");
    await from.waitFor();
    const first = (await from.locator("option").first().textContent()) ?? "";
    expect(first).toMatch(/ on /);
    await page.getByTestId("move-to").selectOption({ index: 1 });
    await page.getByTestId("add-move").click();
    await page.getByLabel("Scenario name").fill("Top feature on the cheapest model");
    await page.getByTestId("run-scenario").click();
    const result = page.getByTestId("simulation-result");
    await result.waitFor();
    expect(await page.getByTestId("sim-delta-cost").textContent()).toMatch(/^-\$/);
    await page.getByTestId("save-scenario").click();
    await page.getByText("Saved “Top feature on the cheapest model”").waitFor();
    await page.getByTestId("saved-scenarios").getByRole("checkbox").first().check();
    await page.getByTestId("compare-scenarios").click();
    await page.getByTestId("scenario-comparison").waitFor();
    await shoot(page, "simulator");
  });

  it("rejects a bad revenue CSV whole, with the rows and reasons", async () => {
    await page.getByTestId("tab-revenue").click();
    await page
      .getByTestId("revenue-text")
      .fill("customer,month,revenue_usd\nacme,2026-10,10\n,2026-10,5\nglobex,Oct,$5\n");
    await page.getByTestId("import-revenue").click();
    const report = page.getByTestId("rejected-rows");
    await report.waitFor();
    expect(await report.textContent()).toContain("Nothing was imported");
    expect(await report.locator("tbody tr").count()).toBe(3);
    await shoot(page, "revenue-import");
  });

  it("shows a viewer the margins without any mutating control", async () => {
    const viewer = await join(await invite("viewer"), "Vic Viewer");
    try {
      await viewer.page.goto(`${baseUrl}${pricingPath}`);
      await settled(viewer.page);
      await viewer.page.getByTestId("total-revenue").waitFor();
      expect(await viewer.page.getByTestId("tab-revenue").count()).toBe(0);
      await viewer.page.getByTestId("tab-plans").click();
      await viewer.page.locator("[data-plan=per-outcome]").waitFor();
      expect(
        await viewer.page.getByRole("button", { name: /new plan|edit|archive|set default|assign|remove/i }).count(),
      ).toBe(0);
      await viewer.page.getByTestId("tab-simulator").click();
      await viewer.page.getByTestId("saved-scenarios").waitFor();
      expect(await viewer.page.getByTestId("save-scenario").count()).toBe(0);
      await shoot(viewer.page, "viewer");
    } finally {
      await viewer.context.close();
    }
  });
});
