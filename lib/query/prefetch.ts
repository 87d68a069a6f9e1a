/**
 * Server side of react-query: a page's first data, computed while the page renders by the same
 * functions the read API's route handlers call (lib/analytics/answers, never an HTTP call to our
 * own API), stored under the key the client hook uses, and handed to the browser with the HTML
 * (dehydrate / HydrationBoundary). Each request parses its parameters with the endpoint's own
 * schema, so it sees exactly what the route would see, and its answer with the response schema.
 */
import { QueryClient, type QueryKey } from "@tanstack/react-query";
import type { z } from "zod";
import { normalizeParams, type ReadParams } from "./hooks/fetcher";

/**
 * What the client hook would hold: the JSON the browser would have parsed (strings for dates, no
 * bigint, no undefined), read through the endpoint's response schema as lib/query/hooks/fetcher does.
 */
export function asAnswer<T>(value: unknown, response?: z.ZodType<T>): T {
  const json: unknown = JSON.parse(JSON.stringify(value));
  return response ? response.parse(json) : (json as T);
}

export function serverQueryClient(): QueryClient {
  // Never retried on the server: a failing query is left to the client hook, which shows the error.
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000 } } });
}

/**
 * Prefetches one read-API request: `params` are the hook's parameters, `key` builds its cache key
 * from their normalised form, `run` answers the validated query. A query the schema refuses is
 * left out: the client hook then asks the API, which answers with the error the page shows.
 */
export function prefetchRead<S extends z.ZodType>(
  client: QueryClient,
  read: {
    params: ReadParams;
    key: (params: Record<string, string>) => QueryKey;
    schema: S;
    response: z.ZodType;
    run: (query: z.infer<S>) => Promise<unknown>;
  },
): Promise<void> {
  const params = normalizeParams(read.params);
  const query = read.schema.safeParse(params);
  if (!query.success) return Promise.resolve();
  return client.prefetchQuery({
    queryKey: read.key(params),
    queryFn: async () => asAnswer(await read.run(query.data), read.response),
  });
}
