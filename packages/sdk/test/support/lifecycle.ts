import { afterEach, beforeAll } from "vitest";
import { loadSdk } from "./packed.js";

type Loaded = Awaited<ReturnType<typeof loadSdk>>;

/** The packed SDK, loaded once before the file's tests (read its fields inside tests). */
export function usePackedSdk(): Loaded {
  const loaded = {} as Loaded;
  beforeAll(async () => {
    Object.assign(loaded, await loadSdk());
  });
  return loaded;
}

/** Registers teardown steps that run, in order, after each test. */
export function useCleanup(): (step: () => Promise<unknown>) => void {
  const steps: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const step of steps.splice(0)) await step();
  });
  return (step) => void steps.push(step);
}
