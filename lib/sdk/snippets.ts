/** The code the "first event" guide shows, for an instance at `endpoint` (no trailing slash). */

/** Runs as written (as an .mjs or .ts file): the SDK delivers what is queued before the process exits. */
export function sdkSnippet(endpoint: string): string {
  return [
    `import { createClient } from "@inferledger/sdk";`,
    ``,
    `const ledger = createClient({ apiKey: process.env.INFERLEDGER_KEY, endpoint: "${endpoint}" });`,
    `ledger.installShutdownHooks(); // in a server: deliver what is queued on SIGTERM / SIGINT`,
    ``,
    `ledger.track({ provider: "openai", model: "gpt-4o-mini", customer: "acme", feature: "support-bot",`,
    `  tokens: { input: 1200, output: 300 } });`,
  ].join("\n");
}

export function curlSnippet(endpoint: string): string {
  return [
    `curl -X POST ${endpoint}/api/v1/events \\`,
    `  -H "Authorization: Bearer $INFERLEDGER_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"events":[{"type":"usage","event_id":"evt-0001","occurred_at":"${new Date().toISOString().slice(0, 19)}Z",`,
    `       "customer":"acme","feature":"support-bot","provider":"openai","model":"gpt-4o-mini",`,
    `       "tokens":{"input":1200,"output":300}}]}'`,
  ].join("\n");
}
