/**
 * Answers a page starts for a request its browser is about to make. The customers list renders
 * its costs on the server and leaves revenue and margin to a browser request (computing them
 * there held up the page's HTML); started once the HTML is sent, that answer is under way when
 * the request, which the browser sends only after reading the HTML, arrives.
 *
 * An answer is taken once, by a request that passed its route's own checks (the key names the
 * project and period, so it is the same answer for every viewer allowed to ask), and only
 * within FRESH_MS of its start: no request gets older data than the dashboards' freshness
 * window. Nothing else is cached.
 */
const FRESH_MS = 2_000;
/** More waiting answers than this means no browser is taking them: start no more. */
const MAX_WAITING = 32;

interface Started {
  answer: Promise<unknown>;
  startedAt: number;
}

// On globalThis: Next.js may load this module once per route bundle, and the page that starts
// an answer and the route that takes it are different bundles.
const holder = globalThis as typeof globalThis & { __inferledgerAnswersAhead?: Map<string, Started> };
const started = (holder.__inferledgerAnswersAhead ??= new Map());

/** Starts `run` for the request `key` names, unless one is already waiting. */
export function startAnswer(key: string, run: () => Promise<unknown>): void {
  if (started.has(key) || started.size >= MAX_WAITING) return;
  const answer = run();
  // A failure belongs to the request that takes it; one nobody takes is dropped.
  answer.catch(() => undefined);
  const entry = { answer, startedAt: Date.now() };
  started.set(key, entry);
  setTimeout(() => {
    if (started.get(key) === entry) started.delete(key);
  }, FRESH_MS).unref();
}

/** The answer started for `key` if there is a fresh one (then no longer there), else `run()`. */
export function takeAnswer<T>(key: string, run: () => Promise<T>): Promise<T> {
  const entry = started.get(key);
  if (!entry) return run();
  started.delete(key);
  return Date.now() - entry.startedAt <= FRESH_MS ? (entry.answer as Promise<T>) : run();
}
