import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as create } from "@/app/api/v1/alert-channels/route";
import { createChannel, updateChannel } from "@/lib/alerts/db/channels";
import { sendTest } from "@/lib/alerts/jobs/send-test";
import { EnvError, parseEnv, resetEnvForTests } from "@/lib/env";
import { useTestDatabase } from "../support/database";
import { call, createMarginTenant, SECRET, type MarginTenant } from "../margins/db/support";
import { startReceivers, TEST_BASE_URL, type Receivers } from "./receivers";

const db = useTestDatabase();
let rx: Receivers;
let tenant: MarginTenant;

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  rx = await startReceivers();
  tenant = await createMarginTenant(db);
});
afterAll(() => rx.close());

function allowNetworks(value: string | undefined) {
  if (value === undefined) delete process.env.ALERT_WEBHOOK_ALLOWED_NETWORKS;
  else process.env.ALERT_WEBHOOK_ALLOWED_NETWORKS = value;
  resetEnvForTests();
}
const owner = () => ({ orgId: tenant.orgId, actorId: tenant.users.owner });
const webhook = (target: string) => createChannel(db.pool, owner(), { kind: "webhook", name: "Hook", target });
/** A channel stored as is, as one saved before its name pointed somewhere else (DNS rebinding). */
async function storedChannel(kind: "webhook" | "slack", target: string): Promise<string> {
  const { rows } = await db.pool.query(
    "INSERT INTO alert_channels (org_id, kind, name, target, signing_secret) VALUES ($1, $2, 'Stored', $3, $4) RETURNING id",
    [tenant.orgId, kind, target, kind === "webhook" ? "whsec_test" : null],
  );
  return rows[0].id;
}
const test = (channelId: string) =>
  sendTest(db.pool, tenant.orgId, channelId, { mail: rx.mail, baseUrl: TEST_BASE_URL });

describe(`alert URLs reach only the public internet by default (${db.backend ?? "pglite"})`, () => {
  beforeEach(() => allowNetworks(undefined));

  it.each([
    ["http://127.0.0.1:8080/hook", "127.0.0.1 is a loopback address"],
    ["http://127.1/hook", "127.0.0.1 is a loopback address"],
    ["http://2130706433/hook", "127.0.0.1 is a loopback address"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address, where cloud metadata lives"],
    ["http://10.1.2.3/hook", "10.1.2.3 is a private address (RFC 1918)"],
    ["http://172.16.5.4/hook", "172.16.5.4 is a private address (RFC 1918)"],
    ["http://192.168.1.10/hook", "192.168.1.10 is a private address (RFC 1918)"],
    ["http://100.64.0.1/hook", "100.64.0.1 is a carrier-grade NAT address"],
    ["http://0.0.0.0/hook", "0.0.0.0 is an unspecified address"],
    ["http://[::1]/hook", "::1 is the IPv6 loopback address"],
    ["http://[fd12:3456::1]/hook", "fd12:3456::1 is a unique local IPv6 address"],
    ["http://[fe80::1]/hook", "fe80::1 is a link-local IPv6 address"],
    ["http://[::ffff:127.0.0.1]/hook", "::ffff:7f00:1 is an IPv4-mapped IPv6 address"],
    ["http://[::ffff:8.8.8.8]/hook", "::ffff:808:808 is an IPv4-mapped IPv6 address"],
    ["http://localhost:3000/hook", "localhost is a local name"],
    ["http://metadata.google.internal/computeMetadata/v1/", "metadata.google.internal is a local name"],
  ])("a webhook to %s is a 400 naming the target: %s", async (target, reason) => {
    await expect(webhook(target)).rejects.toThrow(
      `target: must be a URL on the public internet (${reason}) for a webhook channel`,
    );
  });

  it.each([
    ["webhook", "file:///etc/passwd", "an http(s) URL"],
    ["webhook", "gopher://example.com/x", "an http(s) URL"],
    ["webhook", "https://user:secret@example.com/hook", "a URL without credentials"],
    [
      "slack",
      "https://hooks.example.com/services/T0/B0/x",
      "a Slack incoming webhook URL (https://hooks.slack.com/...)",
    ],
    ["slack", "http://hooks.slack.com/services/T0/B0/x", "a Slack incoming webhook URL (https://hooks.slack.com/...)"],
    [
      "slack",
      "https://hooks.slack.com.evil.example/services/x",
      "a Slack incoming webhook URL (https://hooks.slack.com/...)",
    ],
  ] as const)("a %s channel to %s is refused: %s", async (kind, target, reason) => {
    await expect(createChannel(db.pool, owner(), { kind, name: "x", target })).rejects.toThrow(
      `target: must be ${reason} for a ${kind} channel`,
    );
  });

  it("takes public URLs, answers the API with a 400 naming the field, and refuses a private URL on update too", async () => {
    await createChannel(db.pool, owner(), {
      kind: "slack",
      name: "Slack",
      target: "https://hooks.slack.com/services/T0/B0/abc",
    });
    for (const target of ["https://example.com/hook", "http://8.8.8.8/hook", "http://[2606:4700:4700::1111]/hook"])
      await webhook(target);
    const res = await call(create, `/api/v1/alert-channels?project=${tenant.projectId}`, {
      as: tenant.users.owner,
      json: { kind: "webhook", name: "x", target: "http://169.254.169.254/" },
    });
    expect([res.status, res.json.error.code]).toEqual([400, "invalid_body"]);
    expect(res.json.error.message).toMatch(
      /^target: must be a URL on the public internet \(169\.254\.169\.254 is a link-local address/,
    );
    const { channel } = await webhook("https://example.com/other");
    await expect(updateChannel(db.pool, owner(), channel.id, { target: "http://192.168.0.1/x" })).rejects.toThrow(
      "target: must be a URL on the public internet",
    );
  });

  it("refuses at delivery too: a stored private literal never connects, and a name is checked after DNS resolution", async () => {
    const literal = await test(await storedChannel("webhook", "http://169.254.169.254/latest/meta-data/"));
    expect(literal).toMatchObject({ ok: false, status_code: null });
    expect(literal.error).toContain(
      "refused: the URL must be a URL on the public internet (169.254.169.254 is a link-local address",
    );
    // localhost passed no name check here (stored directly): its resolved address is what refuses it.
    const port = new URL(rx.url("/")).port;
    const resolved = await test(await storedChannel("webhook", `http://localhost:${port}/rebound`));
    expect(resolved.ok).toBe(false);
    expect(resolved.error).toMatch(
      /^refused: localhost resolves to a refused address \((127\.0\.0\.1 is a loopback address|::1 is the IPv6 loopback address)\)/,
    );
    expect(rx.requests.filter((r) => r.path === "/rebound")).toEqual([]);
  });
});

describe("the documented opt-in: ALERT_WEBHOOK_ALLOWED_NETWORKS", () => {
  it("is validated: each entry an IP address or CIDR network", () => {
    expect(
      parseEnv({ ALERT_WEBHOOK_ALLOWED_NETWORKS: "127.0.0.1/32, 10.0.0.0/8,::1,fd00::/8" })
        .ALERT_WEBHOOK_ALLOWED_NETWORKS,
    ).toBeDefined();
    for (const bad of ["10.0.0.0/33", "localhost", "127.0.0.1/8/1", "::1/129", "10.0.0.0/x"]) {
      expect(() => parseEnv({ ALERT_WEBHOOK_ALLOWED_NETWORKS: bad })).toThrow(EnvError);
      expect(() => parseEnv({ ALERT_WEBHOOK_ALLOWED_NETWORKS: bad })).toThrow(
        `ALERT_WEBHOOK_ALLOWED_NETWORKS: not an IP address or CIDR network: ${bad}`,
      );
    }
  });

  it("lets only the listed networks through, Slack included; redirects are never followed", async () => {
    allowNetworks("127.0.0.1/32");
    await expect(webhook("http://10.0.0.1/hook")).rejects.toThrow("10.0.0.1 is a private address (RFC 1918)");
    const slack = await createChannel(db.pool, owner(), {
      kind: "slack",
      name: "Local Slack",
      target: rx.url("/local-slack"),
    });
    expect(await test(slack.channel.id)).toMatchObject({ ok: true, status_code: 200 });
    const hook = await webhook(rx.url("/redirect/landing"));
    const redirected = await test(hook.channel.id);
    expect(redirected).toMatchObject({ ok: false, status_code: 302 });
    expect(rx.requests.filter((r) => r.path === "/landing")).toEqual([]);
  });

  it("connects to a name through the checked lookup when its addresses are allowed", async () => {
    allowNetworks("127.0.0.1/32,::1/128");
    const port = new URL(rx.url("/")).port;
    expect(await test(await storedChannel("webhook", `http://localhost:${port}/named`))).toMatchObject({
      ok: true,
      status_code: 200,
    });
    expect(rx.requests.filter((r) => r.path === "/named")).toHaveLength(1);
  });
});
