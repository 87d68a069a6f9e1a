/**
 * The reference's hand-written examples, keyed by endpoint, each checked against its route's
 * contract by test/api/docs-registry.test.ts so an example cannot drift from the schema.
 */
interface Example {
  /** A request body, or query parameters for a GET. */
  request?: unknown;
  response?: unknown;
}

export const EXAMPLES: Record<string, Example> = {
  "POST /api/v1/events": {
    request: {
      events: [
        {
          event_id: "req_8f2c",
          occurred_at: "2026-11-30T14:03:11Z",
          customer: "acme",
          feature: "support-bot",
          provider: "openai",
          model: "gpt-4o",
          usage: { prompt_tokens: 1200, completion_tokens: 300 },
        },
        { event_id: "req_8f2d", occurred_at: "2026-11-30T14:03:12Z", customer: "acme", feature: "support-bot" },
      ],
    },
    response: {
      results: [
        { index: 0, status: "accepted" },
        { index: 1, status: "rejected", field: "events[1].model", reason: "required" },
      ],
      accepted: 1,
      duplicates: 0,
      rejected: 1,
    },
  },
  "GET /api/v1/budgets/check": { request: { customer: "acme", feature: "support-bot", model: "gpt-4o" } },
};

export const exampleKey = (method: string, path: string) => `${method} ${path}`;
