/**
 * The one mutation shape of the client: variables become a write of `/api/v1/<path>` through
 * `requestJson` (so the answer is schema-checked and an error carries its field reasons), and
 * after success every query under `invalidates` refetches.
 */
"use client";

import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { z } from "zod";
import { requestJson, type RequestOptions } from "./fetcher";

interface WriteRequest {
  method: NonNullable<RequestOptions["method"]>;
  path: string;
  body?: unknown;
}

export function useWrite<Vars, S extends z.ZodType>(
  projectId: string,
  schema: S,
  invalidates: QueryKey | null,
  request: (vars: Vars) => WriteRequest,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (vars: Vars) => {
      const { path, method, body } = request(vars);
      return requestJson(path, projectId, schema, { method, body });
    },
    onSuccess: () => (invalidates ? client.invalidateQueries({ queryKey: invalidates }) : undefined),
  });
}
