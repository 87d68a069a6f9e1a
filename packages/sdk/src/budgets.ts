/**
 * The budget check, for enforcing a hard limit before an expensive call:
 *
 *   import { checkBudgets } from "@inferledger/sdk/budgets";
 *   const check = await checkBudgets({ endpoint, apiKey: READ_KEY }, { customer: "acme", feature: "support-bot" });
 *   if (!check.allowed) return refuse();
 *
 * It asks GET /api/v1/budgets/check (a read key) and never throws: when the server cannot be
 * reached or refuses, `ok` is false, `error` says why, and `allowed` is `failOpen` (default true,
 * so an InferLedger outage never blocks the host app; set false to fail closed).
 */
import type { FetchLike } from "./types.js";

export interface BudgetCheckOptions {
  endpoint: string;
  /** A read key. */
  apiKey: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  failOpen?: boolean;
}

export interface BudgetCall {
  customer?: string;
  feature?: string;
  model?: string;
  provider?: string;
}

export interface CheckedBudget {
  id: string;
  name: string;
  scope: BudgetCall;
  period: { from: string; to: string };
  /** Dollars as exact decimal strings. */
  amount: string;
  spent: string;
  remaining: string;
  breached: boolean;
}

export interface BudgetCheckResult {
  ok: boolean;
  allowed: boolean;
  budgets: CheckedBudget[];
  error?: string;
}

export async function checkBudgets(options: BudgetCheckOptions, call: BudgetCall): Promise<BudgetCheckResult> {
  const failed = (error: string): BudgetCheckResult => ({
    ok: false,
    allowed: options.failOpen !== false,
    budgets: [],
    error,
  });
  const doFetch = options.fetch ?? (globalThis as { fetch?: FetchLike }).fetch;
  if (!doFetch || !options.endpoint || !options.apiKey)
    return failed("endpoint, apiKey and a fetch implementation are required");
  const query = Object.entries(call)
    .filter(([, value]) => typeof value === "string" && value !== "")
    .map(([name, value]) => `${name}=${encodeURIComponent(value as string)}`)
    .join("&");
  const url = `${options.endpoint.replace(/\/+$/, "")}/api/v1/budgets/check${query ? `?${query}` : ""}`;
  const controller = typeof AbortController === "function" ? new AbortController() : undefined;
  const timer = controller ? setTimeout(() => controller.abort(), options.timeoutMs ?? 2000) : undefined;
  try {
    const res = await doFetch(url, {
      method: "GET",
      headers: { authorization: `Bearer ${options.apiKey}` },
      body: undefined,
      signal: controller?.signal,
    });
    const text = await res.text();
    if (!res.ok) return failed(`HTTP ${res.status}: ${text.slice(0, 200)}`);
    const body = JSON.parse(text) as { allowed: boolean; budgets: CheckedBudget[] };
    return { ok: true, allowed: body.allowed, budgets: body.budgets };
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
