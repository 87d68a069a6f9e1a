/**
 * A project with twelve weeks of usage, sent through the real ingestion path (validation,
 * pricing, rollups), with known anomalies planted in it. Seeded, so every run is the same.
 */
import type { Pool } from "pg";
import { ingestBatch } from "@/lib/ingest/ingest";
import { addDays, weekdayIndex, type Day } from "@/lib/calendar/days";
import { seededRandom } from "../fuzz/random";

/** Noon UTC on Wed 25 Nov 2026: the last complete day is Tue 24 Nov. */
export const NOW = new Date("2026-11-25T12:00:00Z");
export const LAST_DAY: Day = "2026-11-24";
const HISTORY_DAYS = 84;

export const PLANTED = {
  /** One day: customer globex runs 14 extra summarize calls. */
  spike: { day: addDays(LAST_DAY, -9), feature: "summarize", customer: "globex" },
  /** From this Monday on, customer initech sends four times its support-bot traffic. */
  shift: { day: addDays(LAST_DAY, -22), feature: "support-bot", customer: "initech" },
  /** One day: every search call sends three times its usual prompt. */
  bloat: { day: addDays(LAST_DAY, -4), feature: "search" },
  /** Used in the last week, with no price in the catalog. */
  unpriced: { provider: "acme-ai", model: "mystery-model-x" },
} as const;

const FEATURES = ["support-bot", "summarize", "search"] as const;
const CUSTOMERS = ["acme", "globex", "initech", "umbrella"] as const;

function plantedEvents(projectTag: string): Record<string, unknown>[] {
  const rand = seededRandom(42).next;
  const events: Record<string, unknown>[] = [];
  let n = 0;
  const at = (day: Day) =>
    `${day}T${String(8 + Math.floor(rand() * 10)).padStart(2, "0")}:${String(Math.floor(rand() * 60)).padStart(2, "0")}:00Z`;
  const usage = (
    day: Day,
    feature: string,
    customer: string,
    inputScale = 1,
    model = "gpt-4o",
    provider = "openai",
  ) => {
    events.push({
      type: "usage",
      event_id: `${projectTag}-${++n}`,
      occurred_at: at(day),
      customer,
      feature,
      provider,
      model,
      tokens: {
        input: Math.round(400_000 * inputScale * (0.9 + rand() * 0.2)),
        output: Math.round(20_000 * (0.9 + rand() * 0.2)),
      },
    });
  };
  for (let i = HISTORY_DAYS - 1; i >= 0; i--) {
    const day = addDays(LAST_DAY, -i);
    const perPair = weekdayIndex(day) >= 5 ? 1 : 2;
    for (const feature of FEATURES) {
      for (const customer of CUSTOMERS) {
        let count = perPair;
        if (feature === PLANTED.shift.feature && customer === PLANTED.shift.customer && day >= PLANTED.shift.day)
          count *= 4;
        const scale = feature === PLANTED.bloat.feature && day === PLANTED.bloat.day ? 3 : 1;
        for (let k = 0; k < count; k++) usage(day, feature, customer, scale);
      }
    }
    if (day === PLANTED.spike.day)
      for (let k = 0; k < 14; k++) usage(day, PLANTED.spike.feature, PLANTED.spike.customer);
    if (day > addDays(LAST_DAY, -7))
      usage(day, "summarize", "acme", 1, PLANTED.unpriced.model, PLANTED.unpriced.provider);
    for (const customer of CUSTOMERS) {
      events.push({
        type: "outcome",
        event_id: `${projectTag}-${++n}`,
        occurred_at: at(day),
        customer,
        feature: "support-bot",
        outcome: "ticket_resolved",
        quantity: perPair * 3,
      });
    }
  }
  return events;
}

export async function ingestPlanted(pool: Pool, projectId: string, tag = projectId.slice(0, 8)): Promise<number> {
  const events = plantedEvents(tag);
  for (let i = 0; i < events.length; i += 1000) {
    const result = await ingestBatch(pool, projectId, events.slice(i, i + 1000), NOW.getTime());
    if (result.rejected > 0)
      throw new Error(
        `planted events rejected: ${JSON.stringify(result.results.find((r) => r.status === "rejected"))}`,
      );
  }
  return events.length;
}
