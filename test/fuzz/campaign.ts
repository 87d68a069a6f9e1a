/**
 * Runs generated requests against a running API server and checks every answer: no status of
 * 500 or above, a per-event result for every event of a 200 (each rejection naming its field
 * and reason), an error envelope naming the field for every 400, and the server answering
 * /api/health within a second after every request. What was accepted is returned, so the
 * caller can compare it with what the database holds.
 */
import { createIngestGenerator, type FuzzRequest } from "./ingest-requests";
import { seededRandom } from "./random";
import { createReadGenerator } from "./read-requests";

interface CampaignOptions {
  baseUrl: string;
  keys: { ingest: string; read: string };
  seed: number;
  ingestRequests: number;
  readRequests: number;
  /** Requests in flight at once (each followed by its own health check). */
  concurrency: number;
  now?: number;
}

export interface CampaignReport {
  requests: number;
  byStatus: Record<number, number>;
  /** Each broken rule, with the request that broke it (the first 50). */
  failures: { request: string; problem: string }[];
  failureCount: number;
  acceptedIds: Set<string>;
  rejectedEvents: number;
  slowestHealthMs: number;
}

const FIELD_NAMED = /^[^:]+: \S/;

function authHeader(request: FuzzRequest, keys: CampaignOptions["keys"]): Record<string, string> {
  switch (request.auth) {
    case "ingest":
      return { authorization: `Bearer ${keys.ingest}` };
    case "read":
      return { authorization: `Bearer ${keys.read}` };
    case "unknown":
      return { authorization: "Bearer il_live_0000000000000000000000000000" };
    case "malformed":
      return { authorization: "Basic dXNlcjpwYXNz" };
    case "none":
      return {};
  }
}

export async function runCampaign(options: CampaignOptions): Promise<CampaignReport> {
  const random = seededRandom(options.seed);
  const ingest = createIngestGenerator(random, options.now ?? Date.now());
  const report: CampaignReport = {
    requests: 0,
    byStatus: {},
    failures: [],
    failureCount: 0,
    acceptedIds: new Set(),
    rejectedEvents: 0,
    slowestHealthMs: 0,
  };
  const acceptedList: string[] = [];
  const reads = createReadGenerator(random, () => acceptedList);

  const fail = (request: FuzzRequest, problem: string) => {
    report.failureCount++;
    if (report.failures.length < 50)
      report.failures.push({ request: `${request.kind} ${request.method} ${request.path.slice(0, 300)}`, problem });
  };

  async function check(request: FuzzRequest): Promise<void> {
    let response: Response;
    try {
      response = await fetch(`${options.baseUrl}${request.path}`, {
        method: request.method,
        headers: { ...request.headers, ...authHeader(request, options.keys) },
        ...(request.body ? { body: request.body } : {}),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      fail(request, `no answer: ${(error as Error).message}`);
      return;
    }
    report.requests++;
    report.byStatus[response.status] = (report.byStatus[response.status] ?? 0) + 1;
    const text = await response.text();
    if (response.status >= 500) return fail(request, `status ${response.status}: ${text.slice(0, 300)}`);
    if (request.method === "POST" && response.status === 200) {
      if (!request.eventIds) return fail(request, `a 200 for a body that is not a batch: ${text.slice(0, 200)}`);
      checkBatchAnswer(request, text);
    } else if (response.status >= 400) checkErrorEnvelope(request, response.status, text);
  }

  function checkBatchAnswer(request: FuzzRequest, text: string): void {
    const body = JSON.parse(text) as { results: { index: number; status: string; field?: string; reason?: string }[] };
    if (body.results.length !== request.eventIds!.length)
      return fail(request, `${body.results.length} results for ${request.eventIds!.length} events`);
    for (const result of body.results) {
      if (result.status === "accepted") {
        const id = request.eventIds![result.index];
        if (id === undefined) return fail(request, `event ${result.index} accepted without a string event_id`);
        if (!report.acceptedIds.has(id)) acceptedList.push(id);
        report.acceptedIds.add(id);
      } else if (result.status === "rejected") {
        report.rejectedEvents++;
        if (!result.field || !result.reason)
          return fail(request, `rejection without field and reason: ${JSON.stringify(result)}`);
      } else if (result.status !== "duplicate") return fail(request, `unknown result status ${result.status}`);
    }
  }

  function checkErrorEnvelope(request: FuzzRequest, status: number, text: string): void {
    let envelope: { error?: { code?: string; message?: string } };
    try {
      envelope = JSON.parse(text) as typeof envelope;
    } catch {
      return fail(request, `status ${status} without a JSON error envelope: ${text.slice(0, 200)}`);
    }
    const { code, message } = envelope.error ?? {};
    if (!code || !message) return fail(request, `status ${status} without code and message: ${text.slice(0, 200)}`);
    if ((code === "invalid_query" || code === "invalid_body") && !FIELD_NAMED.test(message))
      fail(request, `${code} that names no field: ${message}`);
  }

  async function healthCheck(after: FuzzRequest): Promise<void> {
    const started = performance.now();
    try {
      const response = await fetch(`${options.baseUrl}/api/health`, { signal: AbortSignal.timeout(1000) });
      await response.text();
      if (response.status !== 200) fail(after, `health answered ${response.status} after it`);
    } catch (error) {
      fail(after, `health did not answer within 1 s after it: ${(error as Error).message}`);
    }
    report.slowestHealthMs = Math.max(report.slowestHealthMs, performance.now() - started);
  }

  async function run(plan: readonly FuzzRequest[]): Promise<void> {
    let nextIndex = 0;
    const worker = async () => {
      while (nextIndex < plan.length) {
        const request = plan[nextIndex++]!;
        await check(request);
        await healthCheck(request);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  }

  // Each phase's requests are generated up front (reads after ingestion, from the sorted accepted
  // ids), so the same seed sends the same requests whatever the timing.
  await run(Array.from({ length: options.ingestRequests }, () => ingest.next()));
  acceptedList.sort();
  await run(Array.from({ length: options.readRequests }, () => reads.next()));
  return report;
}
