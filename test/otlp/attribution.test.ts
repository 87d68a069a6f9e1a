/**
 * A project's OpenTelemetry attribution names: who may change them, what is accepted, and that
 * the receiver reads them after the request's headers and before the defaults.
 */
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createApiKey } from "@/lib/auth/key-store";
import { DomainError } from "@/lib/errors";
import { readProjectAttribution, updateProjectAttribution } from "@/lib/otlp/project-attribution";
import { useTestDatabase } from "../support/database";
import { addMember, newAccount } from "../auth/fixtures";
import { getEventById } from "../ingest/support";
import { encode, eventIdOf, makeSpans, postTraces } from "./support";

const db = useTestDatabase();

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe("project attribution settings", () => {
  it("are changed by members who manage keys, trimmed and deduplicated; viewers and other organisations are refused", async () => {
    const owner = await newAccount("attr");
    const saved = await updateProjectAttribution(owner.userId, owner.orgSlug, owner.projectSlug, {
      customer: [" app.tenant ", "app.tenant", "enduser.id"],
      feature: [],
    });
    expect(saved).toEqual({ customer: ["app.tenant", "enduser.id"], feature: [] });
    expect(await readProjectAttribution(db.pool, owner.projectId)).toEqual(saved);

    const viewer = await addMember(owner.orgId, "viewer");
    expect(
      await failure(() =>
        updateProjectAttribution(viewer.userId, owner.orgSlug, owner.projectSlug, { customer: [], feature: [] }),
      ),
    ).toMatchObject({ kind: "forbidden" });
    const stranger = await newAccount("other");
    const refused = await failure(() =>
      updateProjectAttribution(stranger.userId, owner.orgSlug, owner.projectSlug, { customer: [], feature: [] }),
    );
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ kind: "not_found" });
    expect(await readProjectAttribution(db.pool, owner.projectId)).toEqual(saved);
  });

  it("refuses names with spaces, empty names and more than 10, naming the field", async () => {
    const owner = await newAccount("attr");
    for (const [input, path] of [
      [{ customer: ["app tenant"], feature: [] }, ["customer", 0]],
      [{ customer: [], feature: [""] }, ["feature", 0]],
      [{ customer: Array.from({ length: 11 }, (_, i) => `a${i}`), feature: [] }, ["customer"]],
    ] as const) {
      const error = await failure(() =>
        updateProjectAttribution(owner.userId, owner.orgSlug, owner.projectSlug, input),
      );
      expect(error).toBeInstanceOf(ZodError);
      expect((error as ZodError).issues[0]!.path).toEqual(path);
    }
  });

  it("are read by the receiver after the request's headers and before the defaults", async () => {
    const owner = await newAccount("attr");
    await updateProjectAttribution(owner.userId, owner.orgSlug, owner.projectSlug, {
      customer: ["app.tenant"],
      feature: ["app.feature"],
    });
    const ingest = (
      await createApiKey(db.prisma, {
        orgId: owner.orgId,
        projectId: owner.projectId,
        name: "i",
        scopes: ["ingest"],
        createdBy: null,
      })
    ).key;
    const read = (
      await createApiKey(db.prisma, {
        orgId: owner.orgId,
        projectId: owner.projectId,
        name: "r",
        scopes: ["read"],
        createdBy: null,
      })
    ).key;
    const usage = {
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.usage.input_tokens": 10,
      "gen_ai.usage.output_tokens": 1,
    };
    const spans = makeSpans([
      {
        name: "project names",
        attributes: { ...usage, "app.tenant": "globex", "inferledger.customer": "acme", "app.feature": "search" },
      },
      { name: "defaults", attributes: { ...usage, "inferledger.customer": "acme" } },
      { name: "header names", attributes: { ...usage, "x.user": "initech", "app.tenant": "globex" } },
    ]);
    expect((await postTraces(ingest, encode(spans.slice(0, 2), "protobuf"))).status).toBe(200);
    expect(
      (
        await postTraces(ingest, encode(spans.slice(2), "protobuf"), {
          headers: { "InferLedger-Customer-Attribute": "x.user" },
        })
      ).status,
    ).toBe(200);
    const event = async (index: number) => (await getEventById(read, eventIdOf(spans[index]!))).json.event;
    expect(await event(0)).toMatchObject({ customer: "globex", feature: "search" });
    expect(await event(1)).toMatchObject({ customer: "acme", feature: "" });
    expect(await event(2)).toMatchObject({ customer: "initech" });
  });
});
