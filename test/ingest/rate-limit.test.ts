import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { useTestDatabase } from "../support/database";
import { createTenant, postEvents, usageEvent } from "./support";

const db = useTestDatabase();

beforeAll(() => {
  process.env.INGEST_RATE_PER_SECOND = "1";
  resetEnvForTests();
});

describe("per-key rate limit", () => {
  it("answers 429 with Retry-After once a key exceeds its rate, and does not slow other keys", async () => {
    const a = await createTenant(db);
    const b = await createTenant(db);
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof postEvents>> | undefined;
    for (let i = 0; i < 4; i++) {
      const res = await postEvents(a.ingestKey, { events: [usageEvent()] });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.slice(0, 2)).toEqual([200, 200]); // burst of twice the rate
    expect(statuses).toContain(429);
    expect(limited!.json.error.code).toBe("rate_limited");
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await postEvents(b.ingestKey, { events: [usageEvent()] })).status).toBe(200);
  });
});
