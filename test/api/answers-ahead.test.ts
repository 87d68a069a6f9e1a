import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startAnswer, takeAnswer } from "@/lib/api/answers-ahead";

describe("answers started ahead of their request", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("hand the started answer to the first request for its key, once", async () => {
    const run = vi.fn(async () => "early");
    startAnswer("k1", run);
    const fresh = vi.fn(async () => "fresh");
    await expect(takeAnswer("k1", fresh)).resolves.toBe("early");
    await expect(takeAnswer("k1", fresh)).resolves.toBe("fresh");
    expect(run).toHaveBeenCalledTimes(1);
    expect(fresh).toHaveBeenCalledTimes(1);
  });

  it("answer a request for another key itself", async () => {
    startAnswer("k2", async () => "for k2");
    await expect(takeAnswer("other", async () => "own")).resolves.toBe("own");
    await expect(takeAnswer("k2", async () => "own")).resolves.toBe("for k2");
  });

  it("never hand out an answer started more than two seconds before", async () => {
    startAnswer("k3", async () => "old");
    vi.advanceTimersByTime(2_001);
    await expect(takeAnswer("k3", async () => "new")).resolves.toBe("new");
  });

  it("start one answer per key while one waits", async () => {
    const run = vi.fn(async () => "x");
    startAnswer("k4", run);
    startAnswer("k4", run);
    expect(run).toHaveBeenCalledTimes(1);
    await takeAnswer("k4", run);
  });

  it("give a failure to the request that takes it, and drop one nobody takes", async () => {
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    startAnswer("k5", async () => {
      throw new Error("database gone");
    });
    startAnswer("k6", async () => {
      throw new Error("nobody asks");
    });
    await expect(takeAnswer("k5", async () => "unused")).rejects.toThrow("database gone");
    vi.advanceTimersByTime(2_001);
    await vi.waitFor(() => Promise.resolve());
    process.off("unhandledRejection", unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it("stop starting answers when many wait untaken", async () => {
    const run = vi.fn(async () => "x");
    for (let i = 0; i < 100; i++) startAnswer(`many-${i}`, run);
    expect(run).toHaveBeenCalledTimes(32);
    vi.advanceTimersByTime(2_001);
    startAnswer("after", run);
    expect(run).toHaveBeenCalledTimes(33);
  });
});
