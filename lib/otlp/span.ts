/** A span as the receiver reads it from an OTLP export (traces.ts decodes, genai-span.ts reads). */
export type AttributeValue = string | number | boolean | null;
export type Attributes = ReadonlyMap<string, AttributeValue>;

export interface OtlpSpan {
  /** Lower-case hex, 32 and 16 characters. */
  readonly traceId: string;
  readonly spanId: string;
  readonly name: string;
  readonly startNanos: bigint;
  readonly endNanos: bigint;
  /** 0 unset, 1 ok, 2 error. */
  readonly statusCode: number;
  readonly statusMessage: string;
  readonly attributes: Attributes;
  readonly resource: Attributes;
}
