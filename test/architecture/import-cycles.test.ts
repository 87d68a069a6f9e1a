/**
 * No import cycles: between modules anywhere in the app, and between lib/ domains (a domain is a
 * folder of lib/, or a single file such as lib/env.ts). A cycle between domains means neither can
 * be understood, tested or moved alone; break one by moving the shared piece down to a module
 * both may import, never by re-exporting it.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cycles, groupGraph, importGraph } from "./import-graph";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("import cycles", () => {
  const modules = importGraph(root, ["lib", "app", "components"]);

  it("reads the whole app", () => {
    // A resolution that silently found nothing would pass every check below.
    expect(modules.size).toBeGreaterThan(400);
    expect(modules.get("lib/api/route.ts")).toContain("lib/env.ts");
  });

  it("has no cycle between modules", () => {
    expect(cycles(modules)).toEqual([]);
  });

  /** The cycles between the folders (or single files) directly under `top`, each as the imports that close it. */
  const folderCycles = (top: "lib" | "components") => {
    const folders = groupGraph(modules, (file) => {
      const [first, folder, rest] = file.split("/", 3);
      return first === top && folder ? (rest === undefined ? `${top}/${folder}` : `${top}/${folder}/`) : null;
    });
    return cycles(folders.graph).map((cycle) =>
      cycle.flatMap((from) => cycle.flatMap((to) => folders.imports(from, to))),
    );
  };

  it("has no cycle between lib/ domains", () => {
    expect(folderCycles("lib")).toEqual([]);
  });

  it("has no cycle between components/ page areas", () => {
    // Shared pieces (states, kpi, url-state, page-header, ...) sit at the top of components/.
    expect(folderCycles("components")).toEqual([]);
  });
});

describe("cycles()", () => {
  it("finds every cycle, self-imports included, and nothing in a tree", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c", "d"]],
      ["c", ["a"]],
      ["d", ["e"]],
      ["e", []],
      ["f", ["f"]],
    ]);
    expect(cycles(graph)).toEqual([["a", "b", "c"], ["f"]]);
    expect(
      cycles(
        new Map([
          ["a", ["b", "c"]],
          ["b", ["c"]],
        ]),
      ),
    ).toEqual([]);
  });
});
