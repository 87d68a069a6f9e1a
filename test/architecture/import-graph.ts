/**
 * The app's import graph as TypeScript resolves it (tsconfig `paths` included), for the cycle
 * checks. Every import counts, `import type`, re-exports and `import()` too: a cycle of types
 * still means neither module can be read or moved without the other.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

export type Graph = ReadonlyMap<string, readonly string[]>;

const SKIPPED_FOLDERS = new Set(["lib/generated", "node_modules"]);

/** Files (relative to `root`) under `folders` and the project files each imports. */
export function importGraph(root: string, folders: readonly string[]): Graph {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${root}/tsconfig.json`);
  const host = ts.createCompilerHost(config.options);
  const cache = ts.createModuleResolutionCache(root, (name) => name, config.options);
  const graph = new Map<string, string[]>();
  for (const file of folders.flatMap((folder) => sourceFiles(root, folder))) {
    const imports = ts.preProcessFile(readFileSync(join(root, file), "utf8"), true, true).importedFiles;
    const targets = new Set<string>();
    for (const { fileName } of imports) {
      const resolved = ts.resolveModuleName(fileName, join(root, file), config.options, host, cache).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const target = relative(root, resolved.resolvedFileName);
      if (!target.startsWith("..") && !isSkipped(target)) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

function sourceFiles(root: string, folder: string): string[] {
  if (isSkipped(folder)) return [];
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(root, path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

function isSkipped(path: string): boolean {
  return [...SKIPPED_FOLDERS].some((folder) => path === folder || path.startsWith(`${folder}/`));
}

/** The graph between groups of files (`groupOf` null leaves a file out); edges keep the imports behind them. */
export function groupGraph(
  graph: Graph,
  groupOf: (file: string) => string | null,
): { graph: Graph; imports: (from: string, to: string) => string[] } {
  const edges = new Map<string, Map<string, string[]>>();
  for (const [file, targets] of graph) {
    const from = groupOf(file);
    if (from === null) continue;
    for (const target of targets) {
      const to = groupOf(target);
      if (to === null || to === from) continue;
      const byTarget = edges.get(from) ?? new Map<string, string[]>();
      edges.set(from, byTarget);
      byTarget.set(to, [...(byTarget.get(to) ?? []), `${file} -> ${target}`]);
    }
  }
  return {
    graph: new Map([...edges].map(([from, byTarget]) => [from, [...byTarget.keys()]])),
    imports: (from, to) => edges.get(from)?.get(to) ?? [],
  };
}

/**
 * The graph's cycles: its strongly connected components of more than one node, or of one node
 * that imports itself (Tarjan's algorithm, iterative so a deep graph cannot overflow the stack).
 */
export function cycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const nodes = new Set([...graph.keys(), ...[...graph.values()].flat()]);
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    visit(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = graph.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          visit(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      if (component.length > 1 || targets.includes(frame.node)) found.push(component.sort());
    }
  }
  return found;

  function visit(node: string) {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
  }
}
