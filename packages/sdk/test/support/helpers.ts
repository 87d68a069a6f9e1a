export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until check() is truthy (behaviour, not timing: the limit only bounds a hang). */
export async function until(check: () => unknown, limitMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > limitMs) throw new Error("condition not met in time");
    await sleep(5);
  }
}
