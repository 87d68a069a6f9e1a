import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatWindow, resolvePeriod } from "@/lib/analytics/period";
import { addDays } from "@/lib/calendar/days";
import { DEMO_CREDENTIALS } from "@/lib/demo/account";
import { DEMO_DAYS } from "@/lib/demo/seed-usage";
import { MAX_DIGEST_ANOMALIES } from "@/lib/digest/db/build";
import { weekRange } from "@/lib/calendar/week";
import { formatDay } from "@/lib/format";
import { launchBrowser, screenshot } from "./browser";

/**
 * Dashboards that never mislead, in Chromium on the demo data (its organisation is in UTC):
 * period windows and the partial day as the read API defines them, drill-downs that land on their
 * slice, the events explorer paging through the first demo day (about 90 days back) and exporting
 * it whole, and a 390 px phone layout measured element by element. Screenshots go to
 * test-results/browser (and $SHOTS_DIR when set).
 */
const baseUrl = inject("baseUrl");
const embedded = inject("embedded");

let browser: Browser;
let context: BrowserContext;
let page: Page;
let projectBase = "";

async function shoot(target: Page, name: string): Promise<void> {
  await screenshot(target, name);
  const dir = process.env.SHOTS_DIR;
  if (dir) {
    await mkdir(dir, { recursive: true });
    await target.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  }
}

async function settled(target: Page = page): Promise<void> {
  await target.waitForLoadState("networkidle");
  await expect.poll(() => target.locator("[role=status][aria-label^=Loading], [data-stale=true]").count()).toBe(0);
}

const text = async (testId: string) => (await page.getByTestId(testId).first().textContent()) ?? "";

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
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

describe.skipIf(!embedded)("periods, drill-downs, the explorer and phones on the demo data", () => {
  it("shows last 7 complete days with today apart and partial, and month to date against the same days of last month", async () => {
    const now = new Date();
    const week = resolvePeriod({ range: "7d" }, "UTC", now);
    await page.goto(`${baseUrl}${projectBase}/overview?range=7d`);
    await settled();
    expect(await text("range-window")).toBe(formatWindow(week.current.from, week.current.to));
    expect(await page.getByTestId("partial-mark").count()).toBe(0);
    expect(await text("comparison-window")).toBe(formatWindow(week.previous.from, week.previous.to));
    expect(await text("kpi-today")).toContain("partial");
    expect(await text("kpi-today")).toContain(formatDay(week.today));
    await shoot(page, "period-7d");

    const mtd = resolvePeriod({ range: "mtd" }, "UTC", now);
    await page.goto(`${baseUrl}${projectBase}/overview?range=mtd`);
    await settled();
    expect(await text("range-window")).toContain(formatWindow(mtd.current.from, mtd.current.to));
    expect(await text("partial-mark")).toBe("today partial");
    expect(await text("comparison-window")).toBe(formatWindow(mtd.previous.from, mtd.previous.to));
    expect(await page.getByTestId("kpi-today").count()).toBe(0);
    // The running day's bar is labelled partial on the chart.
    expect(await page.locator("[data-testid=spend-chart] text", { hasText: "(partial)" }).count()).toBeGreaterThan(0);
    await shoot(page, "period-mtd");

    // A link whose days cannot be used shows the default period and says why.
    const month = resolvePeriod({ range: "30d" }, "UTC", now);
    await page.goto(`${baseUrl}${projectBase}/overview?from=2026-11-10&to=2026-11-01`);
    await settled();
    expect(await text("range-window")).toBe(formatWindow(month.current.from, month.current.to));
    expect(await text("range-ignored")).toBe("Link's dates not used: from 2026-11-10 is after to 2026-11-01");
    await shoot(page, "period-ignored");
    // The explorer without a usable period lists every event live, and its picker says that too.
    await page.goto(`${baseUrl}${projectBase}/events?from=2026-11-10&to=2026-11-01`);
    await settled();
    expect(await page.locator("#range-preset").inputValue()).toBe("all");
    expect(await page.getByTestId("range-window").count()).toBe(0);
    expect(await text("range-ignored")).toContain("is after to");
  });

  it("lands a chart bar, a top-list row and an event's links on their slice, picker included", async () => {
    await page.goto(`${baseUrl}${projectBase}/overview?range=30d`);
    await settled();
    // A bar segment opens that series' page on that day.
    await page.locator("[data-testid=spend-chart] .recharts-bar-rectangle path").nth(5).click();
    await page.waitForURL(/\/features\/[^/?]+\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    const landed = new URL(page.url());
    const day = landed.searchParams.get("from")!;
    expect(landed.searchParams.get("to")).toBe(day);
    await settled();
    expect(await page.inputValue("#range-preset")).toBe("custom");
    expect(await text("range-window")).toBe(formatWindow(day, day));
    expect(await text("kpi-spend")).toMatch(/\$[\d,]+\.\d{2}/);
    await shoot(page, "drill-chart-bar");

    // The feature's chart segment opens the events of that feature, model and day.
    await page.locator("[data-testid=spend-chart] .recharts-bar-rectangle path").first().click();
    await page.waitForURL(/\/events\?/);
    const events = new URL(page.url());
    expect(events.searchParams.get("feature")).toBe(decodeURIComponent(landed.pathname.split("/").pop()!));
    expect(events.searchParams.get("from")).toBe(day);
    await settled();
    const shown = await page.$$eval("[data-testid=event-row] td:nth-child(2)", (cells) =>
      cells.map((cell) => cell.textContent ?? ""),
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set([events.searchParams.get("feature")]));
    const times = await page.$$eval("[data-testid=event-row] td:first-child", (cells) =>
      cells.map((cell) => cell.textContent ?? ""),
    );
    for (const time of times) expect(time).toContain(formatDay(day));
    await shoot(page, "drill-events");

    // An event's customer link opens that customer on that day.
    await page.getByTestId("event-row").first().click();
    await page.getByTestId("event-slice").waitFor();
    await shoot(page, "drill-event-open");
    await page
      .getByTestId("event-slice")
      .getByRole("link", { name: /^customer / })
      .click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`/customers/[^/?]+\\?from=${day}&to=${day}`));
    await settled();
    expect(await text("range-window")).toBe(formatWindow(day, day));
  });

  it("pages through the first demo day, about 90 days back, sorted by time, and exports it whole", async () => {
    const day = addDays(new Date().toISOString().slice(0, 10), -(DEMO_DAYS - 1));
    await page.goto(`${baseUrl}${projectBase}/events?from=${day}&to=${day}`);
    await settled();
    const older = page.getByTestId("load-older");
    while (await older.count()) {
      await older.click();
      await expect.poll(async () => (await older.count()) === 0 || (await older.isEnabled())).toBe(true);
      await settled();
    }
    const times = await page.$$eval("[data-testid=event-row] td:first-child", (cells) =>
      cells.map((cell) => (cell.textContent ?? "").replace(/^[▸▾]\s*/, "")),
    );
    expect(times.length).toBeGreaterThan(100);
    for (const time of times) expect(time).toContain(formatDay(day));
    expect(times).toEqual([...times].sort().reverse());
    expect(await text("events-shown")).toContain("all of this period");
    await shoot(page, "events-day-90-back");

    const download = page.waitForEvent("download");
    await page.getByTestId("csv-export").first().click();
    const body = await readFile((await (await download).path())!, "utf8");
    const lines = body.trimEnd().split(/\r\n/);
    expect(lines).toHaveLength(times.length + 1);
    expect(lines.slice(1).every((line) => line.split(",")[1]!.startsWith(day))).toBe(true);
  });

  it("fits a 390 px phone: no horizontal page scroll, no clipped KPI, a menu that opens", async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    const org = projectBase.split("/p/")[0];
    for (const [name, pagePath] of [
      ["overview", `${projectBase}/overview?range=30d`],
      ["features", `${projectBase}/features?range=30d`],
      ["events", `${projectBase}/events`],
      ["anomalies", `${projectBase}/anomalies?range=90d`],
      // Settings: the tab bar scrolls inside itself rather than widening the page.
      ["settings-keys", `${projectBase}/settings/keys`],
      ["settings-prices", `${projectBase}/settings/prices`],
      ["settings-members", `${org}/settings/members`],
      ["settings-projects", `${org}/settings/projects`],
    ] as const) {
      await phone.goto(`${baseUrl}${pagePath}`);
      await settled(phone);
      const overflow = await phone.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, name).toBeLessThanOrEqual(0);
      const clipped = await phone.$$eval("[data-testid^=kpi-] > div:nth-child(2)", (values) =>
        values
          .filter(
            (value) =>
              value.scrollWidth > value.clientWidth + 1 || value.getBoundingClientRect().right > window.innerWidth,
          )
          .map((value) => value.textContent),
      );
      expect(clipped, name).toEqual([]);
      if (name.startsWith("settings-")) {
        // The tab bar scrolls inside itself, with the current tab in view.
        const current = await phone.locator("nav[aria-label=Settings] [aria-current=page]").boundingBox();
        expect(current && current.x >= 0 && current.x + current.width <= 390, name).toBe(true);
      }
      await shoot(phone, `phone-${name}`);
    }
    expect(await phone.locator("nav[aria-label=Project]").isVisible()).toBe(false);
    await phone.getByTestId("nav-button").click();
    expect(await phone.locator("nav[aria-label=Project]").isVisible()).toBe(true);
    await shoot(phone, "phone-menu");
    await phone.getByRole("link", { name: "Outbox" }).click();
    await phone.waitForURL(/\/outbox/);
    await phone.close();
  });

  it("lists the same incidents for a week in the digest and on the anomalies page", async () => {
    const org = projectBase.split("/p/")[0];
    await page.goto(`${baseUrl}${org}/digest`);
    const week = weekRange(await page.inputValue("#week"), "UTC");
    const subject = await text("email-subject");
    const inDigest = Number(/(\d+) anomal/.exec(subject)?.[1] ?? 0);
    const digestText = (await page.frameLocator("iframe[title^=Email]").locator("body").textContent()) ?? "";
    await page.goto(`${baseUrl}${projectBase}/anomalies?from=${week.firstDay}&to=${week.lastDay}`);
    await settled();
    const leads = page.getByTestId("incident");
    expect(inDigest).toBe(Math.min(await leads.count(), MAX_DIGEST_ANOMALIES));
    // The digest names each incident by its lead: the first lead's sentence is in the email.
    if (inDigest > 0) {
      await leads.first().click();
      const sentence = (await page.locator("[aria-label='Selected anomaly'] p").first().textContent()) ?? "";
      expect(digestText).toContain(sentence.slice(0, 40));
    }
    await shoot(page, "incidents-week");
  });

  it("fits 1440 px on the digest preview and the outbox", async () => {
    const org = projectBase.split("/p/")[0];
    for (const pathTail of ["digest", "outbox"]) {
      await page.goto(`${baseUrl}${org}/${pathTail}`);
      await page.waitForLoadState("networkidle");
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
        pathTail,
      ).toBeLessThanOrEqual(0);
    }
    await page.goto(`${baseUrl}/docs/api`);
    expect(await text("base-url")).toBe(baseUrl);
  });
});
