import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_CREDENTIALS } from "@/lib/demo/account";
import { formatMoney } from "@/lib/format";
import { launchBrowser, screenshot } from "./browser";

/**
 * The dashboards on the demo data, as a finance or product lead uses them: every page shows
 * numbers, filters live in the URL and change the numbers, the CSV download holds exactly the
 * table's rows, and the model comparison finds a saving on a cheaper model. Screenshots go to
 * test-results/browser (and to $SHOTS_DIR when set) for people to look at.
 */
const baseUrl = inject("baseUrl");
const embedded = inject("embedded");

let browser: Browser;
let context: BrowserContext;
let page: Page;
let projectBase = "";

const MONEY = /\$[\d,]+\.\d{2}/;

async function shoot(name: string): Promise<void> {
  await screenshot(page, name);
  const dir = process.env.SHOTS_DIR;
  if (dir) {
    await mkdir(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  }
}

async function text(testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().textContent()) ?? "";
}

/** Waits until React Query has settled: no skeletons, no dimmed stale data. */
async function settled(): Promise<void> {
  await page.waitForLoadState("networkidle");
  await expect.poll(() => page.locator("[role=status][aria-label^=Loading], [data-stale=true]").count()).toBe(0);
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
function parseCsv(body: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && body[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The table as shown: key, provider and the Spend cell of each body row. */
async function tableRows(): Promise<{ key: string; provider: string; spend: string }[]> {
  return page.$$eval("[data-testid=cost-table] tbody tr", (rows) =>
    rows.map((row) => ({
      key: row.getAttribute("data-key") ?? "",
      provider: row.getAttribute("data-provider") ?? "",
      spend: (row.querySelector("[data-col=spend] strong")?.textContent ?? "").trim(),
    })),
  );
}

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
  page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.fill("#email", DEMO_CREDENTIALS.email);
  await page.fill("#password", DEMO_CREDENTIALS.password);
  await page.click("button[type=submit]");
  await page.waitForURL(/\/p\/[^/]+\/overview/);
  projectBase = new URL(page.url()).pathname.replace(/\/overview$/, "");
});

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!embedded)("dashboards on the demo data", () => {
  it("shows the overview with spend, its change, unit figures, a chart and top lists", async () => {
    await page.goto(`${baseUrl}${projectBase}/overview?range=30d`);
    await settled();
    expect(await text("kpi-spend")).toMatch(MONEY);
    expect(await text("kpi-spend")).toMatch(/[+−]\d+\.\d%|new/);
    expect(await text("kpi-requests")).toMatch(/\d/);
    expect(await text("kpi-cost-per-request")).toMatch(/\$0\.\d+/);
    expect(await text("kpi-unpriced")).toMatch(/\d/);
    expect(await page.locator("[data-testid=spend-chart] .recharts-bar-rectangle").count()).toBeGreaterThan(20);
    expect(await page.locator("[data-testid=top-features] li").count()).toBeGreaterThan(2);
    expect(await text("top-models")).toMatch(MONEY);
    await shoot("overview");
  });

  it("changes the URL and the numbers when the range or the stacking changes", async () => {
    const before = await text("kpi-spend");
    await page.selectOption("#range-preset", "7d");
    await page.waitForURL(/range=7d/);
    await settled();
    await expect.poll(() => text("kpi-spend")).not.toBe(before);
    await page.getByRole("button", { name: "By model" }).click();
    await page.waitForURL(/stack=model/);
    await settled();
    await expect.poll(() => text("chart-legend")).toContain("claude-sonnet-4-5");
    await shoot("overview-7d-by-model");
  });

  it("lists features with sorting, search and filters in the URL, and the numbers follow", async () => {
    await page.goto(`${baseUrl}${projectBase}/features?range=30d`);
    await settled();
    const all = await tableRows();
    expect(all.length).toBeGreaterThan(2);
    expect(all[0]!.spend).toMatch(MONEY);
    await shoot("features");

    await page.getByTestId("sort-requests").click();
    await page.waitForURL(/sort=requests/);
    const requests = await page.$$eval("[data-testid=cost-table] tbody [data-col=requests]", (cells) =>
      cells.map((cell) => cell.textContent ?? ""),
    );
    expect(requests.length).toBe(all.length);

    const totalBefore = await text("table-total");
    const customer = await page.$eval(
      "[data-testid=filter-customer] option:nth-child(2)",
      (option) => (option as HTMLOptionElement).value,
    );
    await page.selectOption("[data-testid=filter-customer]", customer);
    await page.waitForURL(new RegExp(`customer=${encodeURIComponent(customer)}`));
    await settled();
    await expect.poll(() => text("table-total")).not.toBe(totalBefore);

    await page.fill("[data-testid=table-search]", all[0]!.key.slice(0, 4));
    await page.waitForURL(/q=/);
    await settled();
    const needle = all[0]!.key.slice(0, 4);
    await expect.poll(async () => (await tableRows()).every((row) => row.key.includes(needle))).toBe(true);
    expect(await page.inputValue("[data-testid=table-search]")).toBe(needle);
  });

  it("downloads a CSV that holds exactly the filtered table", async () => {
    await page.goto(`${baseUrl}${projectBase}/customers?range=30d&model=claude-sonnet-4-5`);
    await settled();
    if (await page.getByTestId("show-all-rows").count()) await page.getByTestId("show-all-rows").click();
    const shown = await tableRows();
    expect(shown.length).toBeGreaterThan(5);
    const download = page.waitForEvent("download");
    await page.getByTestId("csv-export").first().click();
    const file = await download;
    const body = await (await import("node:fs/promises")).readFile((await file.path())!, "utf8");
    const [header, ...lines] = parseCsv(body.trim());
    const keyAt = header!.indexOf("customer");
    const spendAt = header!.indexOf("spend_usd");
    const rows = lines.filter((line) => line[keyAt] !== "total");
    expect(rows.map((line) => line[keyAt]).sort()).toEqual(shown.map((row) => row.key).sort());
    const bySpend = new Map(rows.map((line) => [line[keyAt]!, formatMoney(line[spendAt]!)]));
    for (const row of shown) expect(row.spend).toBe(bySpend.get(row.key));
    await shoot("customers-filtered");
  });

  it("exports the customers list as sorted on screen, with revenue and margin", async () => {
    await page.goto(`${baseUrl}${projectBase}/customers?range=30d&sort=margin&order=asc`);
    await settled();
    await page.locator("[data-testid=cost-table] tbody td[data-col=margin]").first().waitFor();
    await page.getByTestId("show-all-rows").click();
    const shown = await page.$$eval("[data-testid=cost-table] tbody tr", (rows) =>
      rows.map((row) => ({
        key: row.getAttribute("data-key") ?? "",
        margin: (row.querySelector("[data-col=margin]")?.firstChild?.firstChild?.textContent ?? "").trim(),
      })),
    );
    expect(shown.length).toBeGreaterThan(50);
    const download = page.waitForEvent("download");
    await page.getByTestId("csv-export").first().click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("customers.csv");
    const body = await (await import("node:fs/promises")).readFile((await file.path())!, "utf8");
    const [header, ...lines] = parseCsv(body.trim());
    const at = (name: string) => header!.indexOf(name);
    expect(at("revenue_usd")).toBeGreaterThan(0);
    expect(at("spend_usd")).toBeGreaterThan(0);
    const rows = lines.filter((line) => line[at("customer")] !== "total");
    // Every customer, in the screen's order (margin, lowest first), each margin as shown.
    expect(rows.map((line) => line[at("customer")])).toEqual(shown.map((row) => row.key));
    expect(rows.map((line) => formatMoney(line[at("margin_usd")]!))).toEqual(shown.map((row) => row.margin));
    const margins = rows.map((line) => Number(line[at("margin_usd")]));
    expect(margins).toEqual([...margins].sort((a, b) => a - b));
    const total = lines.find((line) => line[at("customer")] === "total")!;
    expect(formatMoney(total[at("margin_usd")]!)).toBe(
      (await page.getByTestId("total-margin").evaluate((cell) => cell.firstChild?.textContent ?? "")).trim(),
    );
  });

  it("opens a feature with its breakdowns and shows a saving on a cheaper model", async () => {
    await page.goto(`${baseUrl}${projectBase}/features/support-bot?range=30d`);
    await settled();
    expect(await text("kpi-spend")).toMatch(MONEY);
    expect(await page.locator("[data-testid=breakdown-model] li").count()).toBeGreaterThan(0);
    expect(await page.locator("[data-testid=breakdown-customer] li").count()).toBeGreaterThan(3);
    await page.fill("[data-testid=compare-model-input]", "claude-haiku-4-5");
    await page.locator("#compare-model-list li[data-model='claude-haiku-4-5']").first().click();
    const result = page.getByTestId("compare-result");
    await result.waitFor();
    expect(await result.getAttribute("data-verdict")).toBe("cheaper");
    expect(await text("compare-saving")).toMatch(/\$[\d,]+\.\d{2} \(\d+\.\d%\)/);
    expect(await text("model-compare")).toContain("your ledger is unchanged");
    await shoot("feature-detail-compare");
  });

  it("picks the exact model typed for the what-if and keeps it in the URL across a reload", async () => {
    await page.goto(`${baseUrl}${projectBase}/features/support-bot?range=30d`);
    await settled();
    await page.fill("[data-testid=compare-model-input]", "gpt-4o-mini");
    // Fine-tunes (ft:gpt-4o-mini-...) contain the text too: the exact name comes first.
    await page.locator("#compare-model-list li").first().waitFor();
    await page.press("[data-testid=compare-model-input]", "Enter");
    await expect.poll(() => new URL(page.url()).searchParams.get("compare")).toBe("gpt-4o-mini");
    await page.getByTestId("compare-result").waitFor();
    await page.reload();
    await settled();
    expect(await page.inputValue("[data-testid=compare-model-input]")).toMatch(/^gpt-4o-mini( \(|$)/);
    await page.getByTestId("compare-result").waitFor();
    expect(await text("model-compare")).toContain("gpt-4o-mini");
  });

  it("asks the server only for what the customers list shows, and prefetches a row when pointed at", async () => {
    const requests: string[] = [];
    const record = (request: { url(): string }) => requests.push(request.url());
    page.on("request", record);
    await page.goto(`${baseUrl}${projectBase}/customers?range=30d`);
    await page.locator("[data-testid=cost-table] [data-testid=sort-margin]").waitFor();
    await settled();
    // No server render per link in view (200 rows and the navigation), only the page's reads.
    expect(requests.filter((url) => url.includes("_rsc="))).toEqual([]);
    // Revenue and margin: one request, started by the HTML's preload and taken up by the hook.
    expect(requests.filter((url) => url.includes("/api/v1/margins/customers"))).toHaveLength(1);
    // The total row adds them up too, under their own columns.
    expect(await text("total-margin")).toMatch(/^-?\$[\d,]+\.\d{2}/);
    const footerCells = await page.$$eval("[data-testid=table-total] td", (cells) =>
      cells.reduce((sum, cell) => sum + (cell as HTMLTableCellElement).colSpan, 0),
    );
    expect(footerCells).toBe(await page.locator("[data-testid=cost-table] thead th").count());

    const row = page.locator("[data-testid=cost-table] tbody tr a").first();
    const target = new URL((await row.getAttribute("href"))!, baseUrl).pathname;
    await row.hover();
    await expect
      .poll(() => requests.some((url) => url.includes("_rsc=") && new URL(url).pathname === target))
      .toBe(true);
    page.off("request", record);

    // A tap points at nothing first: the navigation is the one server render, no prefetch beside it.
    const touch = await browser.newContext({
      storageState: await context.storageState(),
      hasTouch: true,
      viewport: { width: 390, height: 844 },
    });
    const phone = await touch.newPage();
    await phone.goto(`${baseUrl}${projectBase}/customers?range=30d`);
    const tapped = phone.locator("[data-testid=cost-table] tbody tr a").first();
    await tapped.waitFor();
    await phone.waitForLoadState("networkidle");
    const tappedPath = new URL((await tapped.getAttribute("href"))!, baseUrl).pathname;
    const renders: string[] = [];
    phone.on("request", (request) => {
      const url = new URL(request.url());
      if (url.searchParams.has("_rsc") && url.pathname === tappedPath) renders.push(url.href);
    });
    await tapped.tap();
    await phone.waitForURL((url) => url.pathname === tappedPath);
    await phone.waitForLoadState("networkidle");
    expect(renders).toHaveLength(1);
    await touch.close();

    // Revenue and margin are the whole customer's: not beside one feature's spend.
    await page.goto(`${baseUrl}${projectBase}/customers?range=30d&feature=support-bot`);
    await settled();
    expect(await page.locator("[data-testid=cost-table] tbody tr[data-key]").count()).toBeGreaterThan(0);
    expect(await page.locator("[data-testid=cost-table] [data-testid=sort-margin]").count()).toBe(0);
    expect(await text("billing-hidden")).toContain("without a feature or model filter");
  });

  it("keeps the chosen period through settings and organisation pages", async () => {
    await page.goto(`${baseUrl}${projectBase}/customers?range=7d`);
    await settled();
    const nav = page.getByRole("navigation", { name: "Project" });
    const go = async (link: ReturnType<typeof page.getByRole>, path: RegExp) => {
      await link.click();
      await page.waitForURL(path);
    };
    await go(nav.getByRole("link", { name: "Notifications" }), /\/settings\/notifications\?range=7d$/);
    await go(nav.getByRole("link", { name: "Customers" }), /\/customers\?range=7d$/);
    await go(nav.getByRole("link", { name: "Settings" }), /\/settings\/keys\?range=7d$/);
    await go(
      page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Prices" }),
      /\/settings\/prices\?range=7d$/,
    );
    await go(nav.getByRole("link", { name: "Overview" }), /\/overview\?range=7d$/);
    expect(await page.locator("#range-preset").inputValue()).toBe("7d");
  });

  it("shows a customer's and a model's page", async () => {
    await page.goto(`${baseUrl}${projectBase}/customers?range=30d`);
    await settled();
    await page.locator("[data-testid=cost-table] tbody tr a").first().click();
    await page.waitForURL(/\/customers\/[^/?]+/);
    await settled();
    expect(await text("kpi-spend")).toMatch(MONEY);
    await shoot("customer-detail");

    await page.goto(`${baseUrl}${projectBase}/models?range=30d`);
    await settled();
    expect((await tableRows()).some((row) => row.key === "gpt-4o-mini" && row.provider === "openai")).toBe(true);
    await shoot("models");
    await page.locator("[data-testid=cost-table] tbody tr[data-key=gpt-4o-mini] a").click();
    await page.waitForURL(/\/models\/gpt-4o-mini\?.*provider=openai/);
    await settled();
    expect(await text("kpi-requests")).toMatch(/\d/);
    await shoot("model-detail");
  });

  it("explores the latest events, opens one to its cost by class and filters by the URL", async () => {
    await page.goto(`${baseUrl}${projectBase}/events`);
    await settled();
    const rows = page.getByTestId("event-row");
    expect(await rows.count()).toBeGreaterThan(10);
    await rows.first().click();
    const detail = page.getByTestId("event-detail");
    await detail.waitFor();
    expect(await detail.textContent()).toMatch(/Price entry|Not priced yet|reported/);
    await shoot("events");

    // The checkbox follows the URL, so it turns on once the navigation lands.
    await page.getByTestId("filter-unpriced").click();
    await page.waitForURL(/unpriced=true/);
    await settled();
    const sources = await page.$$eval("[data-testid=event-row] .badge", (badges) =>
      badges.map((badge) => badge.textContent),
    );
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.filter((source) => source !== "error").every((source) => source === "unpriced")).toBe(true);
    await page.getByTestId("event-row").first().click();
    await shoot("events-unpriced");
  });
});
