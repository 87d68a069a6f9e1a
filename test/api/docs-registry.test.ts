/**
 * The API reference is generated from the routes' own contracts: every route file under
 * app/api/v1 is in its registry (the same handlers Next serves), every field it documents
 * exists in the schema it came from, and its hand-written examples parse with their contracts.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import ApiReferencePage from "@/app/docs/api/page";
import { EndpointSection } from "@/app/docs/api/endpoint";
import { EXAMPLES } from "@/app/docs/api/examples";
import { API_ROUTES, endpointAnchor, endpoints, type Endpoint } from "@/app/docs/api/routes";
import { schemaFields } from "@/app/docs/api/schema-fields";
import { undeclaredFields } from "@/lib/api/contract-check";
import { documentedSchema } from "@/lib/api/wire";
import { resetEnvForTests } from "@/lib/env";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Every route file under app/api/v1 as [the path clients call, the file]. */
function routeFiles(dir = API_DIR, segments: string[] = []): [string, string][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): [string, string][] => {
    if (entry.isDirectory()) return routeFiles(path.join(dir, entry.name), [...segments, entry.name]);
    if (entry.name !== "route.ts") return [];
    const clientPath = ["/api/v1", ...segments.map((s) => s.replace(/^\[(.+)\]$/, "{$1}"))].join("/");
    return [[clientPath, path.join(dir, entry.name)]];
  });
}

/**
 * The zod schemas at a documented field name (`rows[].tokens.input`), none when there is none.
 * A union follows every variant: a field may live in only one of them.
 */
function schemaAt(schema: z.ZodType, name: string, io: "input" | "output"): z.ZodType | undefined {
  let current: z.ZodType[] = [schema];
  for (const part of name.split(".").flatMap((p) => (p.endsWith("[]") ? [p.slice(0, -2), "[]"] : [p]))) {
    current = current.flatMap((at) => children(at, part, io));
  }
  return current[0];
}

function children(schema: z.ZodType, part: string, io: "input" | "output"): z.ZodType[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const inner = (key: string) => def[key] as z.ZodType;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
      return children(inner("innerType"), part, io);
    case "pipe":
      return children(inner(io === "input" ? "in" : "out"), part, io);
    case "union":
      return (def.options as z.ZodType[]).flatMap((option) => children(option, part, io));
    case "array":
      return part === "[]" ? [inner("element")] : [];
    case "object": {
      const field = (def.shape as Record<string, z.ZodType>)[part];
      return field ? [field] : [];
    }
    default:
      return [];
  }
}

const partsOf = (endpoint: Endpoint) =>
  (["params", "query", "body", "response"] as const).flatMap((part) => {
    const schema = endpoint.contract[part];
    return schema
      ? [{ part, schema: documentedSchema(schema), io: part === "response" ? "output" : "input" } as const]
      : [];
  });

describe("the API reference's registry", () => {
  it("lists every route file under app/api/v1, with the handlers Next serves", async () => {
    const files = routeFiles();
    expect(API_ROUTES.map((route) => route.path).sort()).toEqual(files.map(([clientPath]) => clientPath).sort());
    for (const [clientPath, file] of files) {
      const served = (await import(file)) as Record<string, unknown>;
      const registered = API_ROUTES.find((route) => route.path === clientPath)!.module;
      const methods = METHODS.filter((method) => served[method]);
      expect(methods.length, clientPath).toBeGreaterThan(0);
      for (const method of methods) {
        expect(registered[method], `${method} ${clientPath}`).toBe(served[method]);
        expect((served[method] as { contract?: unknown }).contract, `${method} ${clientPath}`).toBeDefined();
      }
    }
  });

  it("documents only fields that exist in the schema each table came from", () => {
    for (const endpoint of endpoints()) {
      for (const { part, schema, io } of partsOf(endpoint)) {
        for (const row of schemaFields(schema, io)) {
          if (row.name === "(whole value)") continue;
          expect(
            schemaAt(schema, row.name, io),
            `${endpoint.method} ${endpoint.path} ${part}: ${row.name}`,
          ).toBeDefined();
        }
      }
    }
  });

  it("declares params for every dynamic path, a summary, and an answer schema unless it answers 204", () => {
    for (const endpoint of endpoints()) {
      const label = `${endpoint.method} ${endpoint.path}`;
      if (endpoint.path.includes("{")) expect(endpoint.contract.params, label).toBeDefined();
      expect(endpoint.contract.summary, label).toBeTruthy();
      if (endpoint.contract.status !== 204) expect(endpoint.contract.response, label).toBeDefined();
    }
  });

  it("keeps the hand-written examples true to their contracts", () => {
    for (const [key, example] of Object.entries(EXAMPLES)) {
      const endpoint = endpoints().find(({ method, path: p }) => `${method} ${p}` === key);
      expect(endpoint, key).toBeDefined();
      const { contract, method } = endpoint!;
      if (example.request !== undefined) {
        const schema = method === "GET" ? contract.query : contract.body;
        expect(documentedSchema(schema!).safeParse(example.request).success, `${key} request`).toBe(true);
      }
      if (example.response !== undefined) {
        const parsed = contract.response!.safeParse(example.response);
        expect(parsed.success, `${key} answer`).toBe(true);
        expect(undeclaredFields(example.response, parsed.data), `${key} answer`).toEqual([]);
      }
    }
  });

  it("renders every endpoint with its tables", () => {
    for (const endpoint of endpoints()) {
      const html = renderToStaticMarkup(createElement(EndpointSection, { endpoint }));
      expect(html).toContain(`${endpoint.method} ${endpoint.path}`);
      for (const { schema, io } of partsOf(endpoint)) {
        const first = schemaFields(schema, io)[0];
        if (first) expect(html).toContain(first.name);
      }
    }
  });

  it("renders the whole page with the instance's own URL, every endpoint linked from the index", async () => {
    const previous = process.env.APP_URL;
    process.env.APP_URL = "https://costs.example.test/";
    resetEnvForTests();
    try {
      const html = renderToStaticMarkup(await ApiReferencePage());
      expect(html).toContain('<code data-testid="base-url">https://costs.example.test</code>');
      for (const endpoint of endpoints()) expect(html).toContain(`href="#${endpointAnchor(endpoint)}"`);
      expect(html).toContain('id="not_found"');
    } finally {
      if (previous === undefined) delete process.env.APP_URL;
      else process.env.APP_URL = previous;
      resetEnvForTests();
    }
  });
});
