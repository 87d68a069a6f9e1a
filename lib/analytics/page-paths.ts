/**
 * How a feature, customer or model key is written as a dashboard path segment, so that every
 * link to a detail page (dashboards, anomalies, emails) lands on the same page.
 */

/** Events sent without the attribute have the key "": its detail page uses this path segment. */
const UNSET_SEGMENT = "~unset";

export const DETAIL_SECTIONS = { feature: "features", customer: "customers", model: "models" } as const;
export type DetailDimension = keyof typeof DETAIL_SECTIONS;

export function keyToSegment(key: string): string {
  return key === "" ? UNSET_SEGMENT : encodeURIComponent(key);
}

/** Next.js hands dynamic segments over still percent-encoded in some paths; decode once, safely. */
export function segmentToKey(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // A lone "%" in an already decoded key: keep it as it is.
  }
  return decoded === UNSET_SEGMENT ? "" : decoded;
}

export type DetailSegment = `${(typeof DETAIL_SECTIONS)[DetailDimension]}/${string}`;

/** `features/<key>`: the detail page of one key, relative to the project's pages. */
export function detailSegment(dimension: DetailDimension, key: string): DetailSegment {
  return `${DETAIL_SECTIONS[dimension]}/${keyToSegment(key)}`;
}
