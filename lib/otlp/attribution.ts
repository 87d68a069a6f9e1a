/**
 * Which attributes name the customer and the feature: the defaults of genai-span.ts, after
 * the attribute names a request lists in `InferLedger-Customer-Attribute` /
 * `InferLedger-Feature-Attribute` (comma-separated). Exporters send those headers from
 * OTEL_EXPORTER_OTLP_HEADERS, so each service can point at its own attributes.
 */
import { ApiError } from "@/lib/api/errors";
import { DEFAULT_ATTRIBUTION, type AttributionKeys } from "./genai-span";

const MAX_NAMES = 10;

function names(header: string | null, name: string): string[] {
  if (!header) return [];
  const list = header.split(",").map((item) => item.trim()).filter(Boolean);
  if (list.length > MAX_NAMES || list.some((item) => item.length > 200)) throw new ApiError("invalid_body", `${name}: at most ${MAX_NAMES} attribute names of at most 200 characters`);
  return list;
}

export function attributionFrom(headers: Headers): AttributionKeys {
  const customer = names(headers.get("inferledger-customer-attribute"), "InferLedger-Customer-Attribute");
  const feature = names(headers.get("inferledger-feature-attribute"), "InferLedger-Feature-Attribute");
  if (!customer.length && !feature.length) return DEFAULT_ATTRIBUTION;
  return { customer: [...customer, ...DEFAULT_ATTRIBUTION.customer], feature: [...feature, ...DEFAULT_ATTRIBUTION.feature] };
}
