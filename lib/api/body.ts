import { gunzipSync } from "node:zlib";
import type { NextRequest } from "next/server";
import { ApiError } from "./errors";

/**
 * Reads a (JSON) body with a byte limit that holds after decompression too: a small gzip
 * bomb is refused before it is inflated past the limit.
 */
export async function readJsonBody(req: NextRequest, maxBytes: number): Promise<unknown> {
  const text = await readBody(req, maxBytes);
  const type = req.headers.get("content-type") ?? "application/json";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new ApiError("unsupported_media_type", `Content-Type must be application/json, not ${type}`);
  }
  return parseJson(text);
}

export function parseJson(text: Buffer): unknown {
  try {
    return JSON.parse(text.toString("utf8"));
  } catch (error) {
    throw new ApiError("invalid_json", `The body is not valid JSON: ${(error as Error).message}`);
  }
}

/** The body's bytes, gunzipped when `Content-Encoding: gzip`, within `maxBytes` either way. */
export async function readBody(req: NextRequest, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const raw = await readLimited(req, maxBytes);
  const encoding = (req.headers.get("content-encoding") ?? "identity").toLowerCase();
  let text: Buffer;
  if (encoding === "gzip") {
    try {
      text = gunzipSync(raw, { maxOutputLength: maxBytes });
    } catch (error) {
      if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
        throw tooLarge(maxBytes);
      throw new ApiError("invalid_body", "body: not valid gzip data, though Content-Encoding says gzip");
    }
  } else if (encoding === "identity") {
    text = raw;
  } else {
    throw new ApiError("unsupported_media_type", `Content-Encoding ${encoding} is not supported (use gzip or none)`);
  }
  return text;
}

async function readLimited(req: NextRequest, maxBytes: number): Promise<Buffer> {
  if (!req.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError("payload_too_large", `The body exceeds the limit of ${maxBytes} bytes (after decompression)`);
}
