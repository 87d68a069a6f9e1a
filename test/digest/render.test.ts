import { describe, expect, it } from "vitest";
import { renderDigest } from "@/lib/digest/render";
import { percentChange } from "@/lib/digest/view-model";
import { usdToFemto } from "@/lib/money";
import { digestFixture, HOSTILE } from "./fixture";

describe("renderDigest", () => {
  const digest = renderDigest(digestFixture());

  it("writes a subject with spend, change, anomaly count and week", () => {
    expect(digest.subject).toBe("Support AI: $1,213.00 AI spend (+12.3%), 2 anomalies · 16–22 November 2026");
  });

  it("has every section in both parts", () => {
    for (const part of [digest.html, digest.text]) {
      for (const heading of [
        "Top movers by feature",
        "Top movers by customer",
        "New anomalies (2)",
        "Models without a price",
        "November forecast",
        "Spend by day",
      ]) {
        expect(part, heading).toContain(heading);
      }
    }
  });

  it("shows the same formatted numbers in HTML and text", () => {
    const forecast = digestFixture().forecast!;
    for (const figure of [
      "$1,213.00",
      "$1,080.40",
      "+12.3%",
      "+$132.60",
      "$3,450.10",
      "-4.2%",
      "74.0% of revenue",
      "+$180.00",
      "-$40.40",
      "+$400.00",
      "$210.50",
      "$80.25",
      "1,520 events",
    ]) {
      expect(digest.html, figure).toContain(figure);
      expect(digest.text, figure).toContain(figure);
    }
    expect(digest.text).toContain(forecast.explanation);
  });

  it("ranks movers by the size of their dollar change and leaves unchanged ones out", () => {
    const featureBlock = digest.text.split("Top movers by feature")[1]!.split("Top movers by customer")[0]!;
    const names = [...featureBlock.matchAll(/\$[\d,.]+ {2}(\S+) \(/g)].map((m) => m[1]);
    expect(names).toEqual(["support-bot", "summarize", "search"]);
  });

  it("explains anomalies in plain language with absolute links", () => {
    expect(digest.text).toContain(
      "[CRITICAL] Cost of feature “support-bot” spiked to $412.00 on Wed 18 Nov, 2.3× the expected $180.00 (+$232.00 that day).",
    );
    const project = "https://app.inferledger.test/o/acme/p/support-ai";
    expect(digest.html).toContain(`href="${project}/anomalies?anomaly=an_123"`);
    expect(digest.text).toContain(
      `${project}/anomalies?series=cache_hit_rate%7Cmodel%3Dclaude-sonnet-4-5&day=2026-11-20`,
    );
    expect(digest.html).toContain(`href="${project}/features/support-bot?from=2026-11-16&amp;to=2026-11-22"`);
    expect(digest.html).toMatch(new RegExp(`href="${project}/customers/[^"?]+\\?from=2026-11-16&amp;to=2026-11-22"`));
    expect(digest.html).toContain(`href="${project}/overview?from=2026-11-16&amp;to=2026-11-22"`);
    expect(digest.text).toContain(`Add prices: ${project}/settings/prices`);
    expect(digest.html).toContain('href="https://app.inferledger.test/unsubscribe?token=v1.abc.def"');
  });

  it("escapes user-supplied names everywhere in the HTML", () => {
    expect(digest.html).not.toContain("<script>");
    expect(digest.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Co&quot;");
    const hostile = renderDigest(
      digestFixture({ orgName: "<b>Evil</b>", projectName: `"><img src=x onerror=alert(1)>` }),
    );
    expect(hostile.html).not.toMatch(/<img|<b>Evil/);
    expect(hostile.text).toContain(HOSTILE);
  });

  it("is mail-client friendly: tables, inline styles, no remote resources or style sheets", () => {
    expect(digest.html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(digest.html).not.toMatch(/<img|<link|<style|<script|class=/i);
    expect(digest.html).toContain("max-width:600px");
    expect(digest.html).toMatch(/<table role="presentation"/);
  });

  it("leaves out margin, forecast and unpriced sections when there is nothing to show", () => {
    const bare = renderDigest(
      digestFixture({
        margin: undefined,
        forecast: null,
        unpricedModels: [],
        anomalies: [],
        dailySpend: undefined,
        movers: { feature: [], customer: [] },
      }),
    );
    expect(bare.subject).toContain("no anomalies");
    expect(bare.html).not.toContain("Margin");
    expect(bare.text).not.toContain("forecast");
    expect(bare.text).toContain("No new cost anomalies this week.");
    expect(bare.text).toContain("No feature changed its spend.");
  });
});

describe("percentChange", () => {
  const usd = usdToFemto;
  it.each([
    ["110", "100", "+10.0%", "+$10.00"],
    ["90", "100", "-10.0%", "-$10.00"],
    ["100.04", "100", "no change", "+$0.04"],
    ["5", "0", "new", "+$5.00"],
    ["0", "0", "no change", "+$0.00"],
  ])("%s against %s is %s", (current, previous, percent, delta) => {
    expect(percentChange(usd(current), usd(previous))).toMatchObject({ percent, delta });
  });
});
