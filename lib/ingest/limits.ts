/**
 * The documented limits of `POST /api/v1/events`. A request beyond the first two is refused
 * whole with 413 naming the limit; an event beyond the others is rejected on its own.
 */
export const MAX_EVENTS_PER_REQUEST = 1000;
/** Bytes of JSON after gzip decompression (a gzip bomb is cut off at this size). */
export const MAX_BODY_BYTES = 1_000_000;

export const MAX_FUTURE_MS = 5 * 60 * 1000;
export const MAX_AGE_DAYS = 400;
export const MAX_AGE_MS = MAX_AGE_DAYS * 24 * 60 * 60 * 1000;

export const MAX_EVENT_ID_LENGTH = 128;
export const MAX_NAME_LENGTH = 200;
export const MAX_METADATA_KEYS = 50;
export const MAX_METADATA_KEY_LENGTH = 128;
export const MAX_METADATA_VALUE_LENGTH = 1000;
/** Per token class and event: well above any context window, far below bigint overflow. */
export const MAX_TOKENS_PER_CLASS = 1_000_000_000_000;
export const MAX_GPU_SECONDS = 1_000_000_000;
export const MAX_LATENCY_MS = 2_147_483_647;
