import type { Context } from "./types.js";

interface Store {
  getStore(): Context | undefined;
  run<R>(store: Context, fn: () => R): R;
}

// One store per process even when both the ESM and the CJS build are loaded.
const KEY = Symbol.for("inferledger.context");
type StoreClass = new () => Store;
const g = globalThis as unknown as Record<symbol, Store | undefined> & {
  AsyncLocalStorage?: StoreClass;
  process?: {
    versions?: { node?: string };
    getBuiltinModule?(id: string): { AsyncLocalStorage?: StoreClass } | undefined;
  };
};
let syncStore: Context | undefined;
let warned = false;

function create(ctor: StoreClass | undefined): void {
  if (ctor && !g[KEY]) g[KEY] = new ctor();
}

// Edge runtimes expose AsyncLocalStorage as a global; Node >= 20.16 offers getBuiltinModule;
// older Node gets it from node.ts, which createClient loads (contexts opened before that stay synchronous).
create(g.AsyncLocalStorage ?? g.process?.getBuiltinModule?.("node:async_hooks")?.AsyncLocalStorage);

export function currentContext(): Context | undefined {
  const store: Store | undefined = g[KEY];
  return store ? store.getStore() : syncStore;
}

/** Runs fn with customer/feature/... attached to every event tracked inside it, across awaits. */
export function withContext<R>(context: Context, fn: () => R): R {
  const parent = currentContext();
  const next: Context = { ...parent, ...context };
  if (parent?.metadata && context?.metadata) next.metadata = { ...parent.metadata, ...context.metadata };
  const store: Store | undefined = g[KEY];
  if (store) return store.run(next, fn);
  // Outside Node and edge runtimes with AsyncLocalStorage the context cannot follow an await.
  if (!warned && !g.process?.versions?.node) {
    warned = true;
    console.warn(
      "[inferledger] no AsyncLocalStorage: withContext ends at the first await; pass customer/feature per call",
    );
  }
  const prev = syncStore;
  syncStore = next;
  try {
    return fn();
  } finally {
    syncStore = prev;
  }
}
