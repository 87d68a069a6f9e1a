export { createClient } from "./client.js";
export { withContext, currentContext } from "./context.js";
export type {
  ClientOptions,
  Context,
  ErrorCode,
  FetchLike,
  FetchResponse,
  InferLedgerClient,
  InferLedgerError,
  OutcomeInput,
  ServiceTier,
  Stats,
  Totals,
  Tokens,
  UsageInput,
} from "./types.js";
