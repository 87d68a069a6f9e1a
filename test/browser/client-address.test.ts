import { describe, expect, inject, it } from "vitest";

/**
 * The app as `npm start` serves it (lib/launcher/serve.ts), over HTTP: with no trusted proxy,
 * a client cannot pick its address with X-Forwarded-For, so spoofing a new address per request
 * does not escape the per-address limit on unknown API keys.
 */
const baseUrl = inject("baseUrl");

describe("client address behind npm start", () => {
  it("counts unknown keys against the socket's address whatever X-Forwarded-For says", async () => {
    const statuses: number[] = [];
    let retryAfter = 0;
    for (let i = 0; i < 40 && !retryAfter; i++) {
      const response = await fetch(`${baseUrl}/api/v1/summary`, {
        headers: {
          authorization: `Bearer ilk_0000000${i % 10}_${"A".repeat(32)}`,
          "x-forwarded-for": `203.0.113.${i}`,
        },
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = Number(response.headers.get("retry-after"));
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    // Leave the loopback address's budget as the next test file expects it.
    await new Promise((resolve) => setTimeout(resolve, (retryAfter + 1) * 1000));
  });
});
