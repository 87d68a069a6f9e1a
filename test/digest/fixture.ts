import { usdToFemto } from "@/lib/money";
import { forecastMonthEnd } from "@/lib/digest/forecast";
import { addDays, weekdayIndex } from "@/lib/calendar/days";
import type { DigestData } from "@/lib/digest/types";

const usd = usdToFemto;
export const HOSTILE = `<script>alert("x")</script> & "Co"`;

export function digestFixture(overrides: Partial<DigestData> = {}): DigestData {
  const history = Array.from({ length: 53 }, (_, i) => addDays("2026-10-01", i)).map((day) => ({
    day,
    cost: usd(weekdayIndex(day) >= 5 ? "80.25" : "210.5"),
  }));
  return {
    orgName: "Acme Corp",
    orgSlug: "acme",
    projectName: "Support AI",
    projectSlug: "support-ai",
    recipientName: "Dana",
    baseUrl: "https://app.inferledger.test",
    week: { key: "2026-W47", firstDay: "2026-11-16", lastDay: "2026-11-22", timeZone: "Europe/Berlin" },
    spend: { thisWeek: usd("1213.0001"), lastWeek: usd("1080.4") },
    dailySpend: history.slice(-7),
    margin: { thisWeek: usd("3450.10"), lastWeek: usd("3600"), revenueThisWeek: usd("4663.1") },
    movers: {
      feature: [
        { name: "support-bot", thisWeek: usd("800"), lastWeek: usd("620") },
        { name: "summarize", thisWeek: usd("300"), lastWeek: usd("340.4") },
        { name: "search", thisWeek: usd("113.0001"), lastWeek: usd("120") },
        { name: "unchanged", thisWeek: usd("5"), lastWeek: usd("5") },
      ],
      customer: [
        { name: HOSTILE, thisWeek: usd("500"), lastWeek: usd("100") },
        { name: "globex", thisWeek: usd("200"), lastWeek: usd("260") },
      ],
    },
    anomalies: [
      {
        id: "an_123",
        anomaly: {
          key: { metric: "cost", scope: { dimension: "feature", value: "support-bot" } },
          day: "2026-11-18",
          kind: "spike",
          direction: "up",
          expected: 180,
          actual: 412,
          band: { low: 120, high: 240 },
          score: 9.2,
          dollarImpact: usd("232"),
          severity: "critical",
          provisional: false,
        },
        rootCauses: [
          {
            dimension: "customer",
            value: HOSTILE,
            actual: usd("300"),
            expected: usd("90"),
            delta: usd("210"),
            share: 0.905,
            isNew: false,
            vanished: false,
          },
        ],
      },
      {
        anomaly: {
          key: { metric: "cache_hit_rate", scope: { dimension: "model", value: "claude-sonnet-4-5" } },
          day: "2026-11-20",
          kind: "level_shift",
          direction: "down",
          expected: 0.82,
          actual: 0.31,
          band: { low: 0.7, high: 0.95 },
          score: -8,
          dollarImpact: usd("41.5"),
          severity: "high",
          provisional: false,
        },
      },
    ],
    unpricedModels: [{ provider: "self-hosted", model: "llama-3.1-8b", events: 1520 }],
    forecast: forecastMonthEnd(history, "2026-11-22"),
    unsubscribeUrl: "https://app.inferledger.test/unsubscribe?token=v1.abc.def",
    ...overrides,
  };
}
