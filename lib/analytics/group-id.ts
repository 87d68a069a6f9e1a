/** Identifies a group row: its key, and its provider when grouped by model. */
export function groupId(key: string, provider: string | null): string {
  return provider === null ? key : `${provider}\u0000${key}`;
}
