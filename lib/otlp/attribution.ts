/**
 * Which attributes name the customer and the feature of a span, in order: the names a request
 * lists in `InferLedger-Customer-Attribute` / `InferLedger-Feature-Attribute` (comma-separated;
 * exporters send them from OTEL_EXPORTER_OTLP_HEADERS, so each service can differ), then the
 * project's own names (set on the Send data page), then the defaults of genai-span.ts.
 */
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { DEFAULT_ATTRIBUTION, type AttributionKeys } from "./genai-span";

const MAX_ATTRIBUTE_NAMES = 10;

/** Attribute names as a project stores them: at most 10, each 1-200 printable characters. */
export const attributeNamesSchema = z
  .array(
    z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(200, "at most 200 characters")
      .regex(/^[\x21-\x7e]+$/, "printable characters without spaces"),
  )
  .max(MAX_ATTRIBUTE_NAMES, `at most ${MAX_ATTRIBUTE_NAMES} attribute names`)
  .transform((names) => [...new Set(names)]);

export interface ProjectAttribution {
  readonly customer: readonly string[];
  readonly feature: readonly string[];
}

export const NO_PROJECT_ATTRIBUTION: ProjectAttribution = { customer: [], feature: [] };

function headerNames(header: string | null, name: string): string[] {
  if (!header) return [];
  const parsed = attributeNamesSchema.safeParse(header.split(",").filter((item) => item.trim()));
  if (!parsed.success) throw new ApiError("invalid_body", `${name}: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

export function attributionFrom(
  headers: Headers,
  project: ProjectAttribution = NO_PROJECT_ATTRIBUTION,
): AttributionKeys {
  const customer = [
    ...headerNames(headers.get("inferledger-customer-attribute"), "InferLedger-Customer-Attribute"),
    ...project.customer,
  ];
  const feature = [
    ...headerNames(headers.get("inferledger-feature-attribute"), "InferLedger-Feature-Attribute"),
    ...project.feature,
  ];
  if (!customer.length && !feature.length) return DEFAULT_ATTRIBUTION;
  return {
    customer: [...customer, ...DEFAULT_ATTRIBUTION.customer],
    feature: [...feature, ...DEFAULT_ATTRIBUTION.feature],
  };
}
