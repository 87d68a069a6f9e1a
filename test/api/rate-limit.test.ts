import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as plansPost } from "@/app/api/v1/plans/route";
import { GET as summary } from "@/app/api/v1/summary/route";
import { createProjectKey } from "@/lib/auth/project-keys";
import { useTestDatabase } from "../support/database";
import { useRateLimits } from "../support/rate-limits";
import { newAccount, signedSessionCookie } from "../auth/fixtures";

/**
 * The read API's limits through the real route and database: per key, per signed-in user, and
 * per address for unknown keys. The store is a memory store on a clock the test moves.
 */
useTestDatabase();

const SECRET = randomBytes(32).toString("base64url");
const ENV = {
  AUTH_SECRET: SECRET,
  API_RATE_PER_SECOND: "1",
  API_RATE_BURST: "3",
  INVALID_KEY_RATE_PER_SECOND: "1",
  INVALID_KEY_BURST: "2",
};
const clock = useRateLimits(ENV);
let account: Awaited<ReturnType<typeof newAccount>>;
let readKey = "";
let otherReadKey = "";

beforeAll(async () => {
  account = await newAccount("limits");
  const other = await newAccount("limits-other");
  readKey = (
    await createProjectKey(account.userId, account.orgSlug, account.projectSlug, { name: "read", scopes: ["read"] })
  ).key;
  otherReadKey = (
    await createProjectKey(other.userId, other.orgSlug, other.projectSlug, { name: "read", scopes: ["read"] })
  ).key;
});

async function call(headers: Record<string, string>, query = "range=7d") {
  const response = await summary(new NextRequest(`http://localhost/api/v1/summary?${query}`, { headers }), {
    params: Promise.resolve({}),
  });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.json() };
}

const bearer = (key: string, address = "198.51.100.10") => ({
  authorization: `Bearer ${key}`,
  "x-forwarded-for": address,
});

describe("read API rate limits", () => {
  it("answers 429 with Retry-After in the error envelope once a key spends its burst, and recovers with time", async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(bearer(readKey))).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await call(bearer(readKey));
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBe("1");
    expect(limited.body.error).toMatchObject({ code: "rate_limited", docs: "/docs/api#rate_limited" });
    expect(limited.body.error.message).toContain("this API key");
    // Another tenant's key, from the same address, has its own budget.
    expect((await call(bearer(otherReadKey))).status).toBe(200);
    clock.advance(1000);
    expect((await call(bearer(readKey))).status).toBe(200);
    expect((await call(bearer(readKey))).status).toBe(429);
  });

  it("limits a signed-in user across read and management routes, whatever the address", async () => {
    const cookie = await signedSessionCookie(account.userId, account.email, SECRET);
    const query = `range=7d&project=${account.projectId}`;
    const createPlan = async (address: string) => {
      const request = new NextRequest(`http://localhost/api/v1/plans?project=${account.projectId}`, {
        method: "POST",
        headers: { cookie, "x-forwarded-for": address, "content-type": "application/json" },
        body: JSON.stringify({}),
      });
      const response = await plansPost(request, { params: Promise.resolve({}) });
      return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.json() };
    };
    const statuses = [];
    for (let i = 0; i < 2; i++)
      statuses.push((await call({ cookie, "x-forwarded-for": `192.0.2.${i}` }, query)).status);
    statuses.push((await createPlan("192.0.2.50")).status); // an invalid plan still spends a request
    const limited = await createPlan("192.0.2.51");
    statuses.push(limited.status);
    expect(statuses).toEqual([200, 200, 400, 429]);
    expect(limited.retryAfter).toBe("1");
    expect(limited.body.error.message).toContain("your account");
    expect((await call({ cookie }, query)).status).toBe(429);
    // The user's budget is not the key's.
    expect((await call(bearer(readKey))).status).toBe(200);
  });

  it("limits unknown and malformed keys per address, refusing even a valid key from that address before any lookup", async () => {
    const attacker = "203.0.113.66";
    const unknownKey = `ilk_${randomBytes(4).toString("hex")}_${"A".repeat(32)}`; // well-formed: looked up, found nowhere
    expect((await call(bearer(unknownKey, attacker))).status).toBe(401);
    expect((await call(bearer("not-a-key", attacker))).status).toBe(401);
    const limited = await call(bearer(unknownKey, attacker));
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBe("1");
    expect(limited.body.error.message).toContain("unknown or invalid API key from this address");
    expect((await call(bearer(readKey, attacker))).status).toBe(429);
    // Other addresses are not affected, and valid keys do not spend the address's budget.
    for (let i = 0; i < 3; i++) expect((await call(bearer(otherReadKey, "198.51.100.77"))).status).toBe(200);
    expect((await call(bearer(unknownKey, "198.51.100.77"))).status).toBe(401);
    clock.advance(1000);
    expect((await call(bearer(unknownKey, attacker))).status).toBe(401);
    expect((await call(bearer(unknownKey, attacker))).status).toBe(429);
  });
});
