/**
 * Anthropic's published prompt-caching rule, checked against the source data: a 1-hour cache
 * write costs 2x the base input price of the same band, on the Anthropic API and on the clouds
 * that resell Claude. The litellm snapshot leaves it out for many Claude entries and has two
 * wrong values (Claude 3 Haiku 24x, Claude 3 Opus 0.4x), so the builder derives or corrects it
 * and says so in the entry's notes. The 5-minute write (1.25x, 1.2x for Claude 3 Haiku) and
 * the cache read (0.1x) are listed everywhere and are only reported when they differ.
 */
import type { Femto } from "../../money";
import type { DraftEntry } from "./from-litellm";

const ONE_HOUR_WRITE_MULTIPLIER = 2n;

export interface RuleFinding {
  readonly sourceKey: string;
  readonly finding: string;
}

function isClaude(entry: DraftEntry): boolean {
  return /claude/i.test(entry.model);
}

/** Applies the 1-hour rule in place; returns what was derived or corrected and other mismatches. */
export function applyAnthropicCacheRules(entry: DraftEntry): RuleFinding[] {
  if (!isClaude(entry)) return [];
  const findings: RuleFinding[] = [];
  for (const [tier, bands] of entry.tiers) {
    for (const [above, prices] of bands) {
      const input = prices.get("input");
      const write5m = prices.get("cache_write_5m");
      if (input === undefined || write5m === undefined) continue;
      const band = `${tier}${above > 0 ? ` above ${above}` : ""}`;
      const expected: Femto = input * ONE_HOUR_WRITE_MULTIPLIER;
      const listed = prices.get("cache_write_1h");
      if (listed === undefined) {
        prices.set("cache_write_1h", expected);
        entry.notes.push(`cache_write_1h (${band}) derived as 2x input per Anthropic's caching rule`);
      } else if (listed !== expected) {
        prices.set("cache_write_1h", expected);
        const finding = `cache_write_1h (${band}) was ${listed} fs/token, corrected to 2x input = ${expected}`;
        entry.notes.push(finding);
        findings.push({ sourceKey: entry.sourceKey, finding });
      }
      // 1.25x; Claude 3 Haiku's published write price is 1.2x ($0.30 vs $0.25 per Mtok).
      if (write5m * 4n !== input * 5n) {
        findings.push({ sourceKey: entry.sourceKey, finding: `cache_write_5m (${band}) is not 1.25x input (kept as listed)` });
      }
      const read = prices.get("cache_read");
      if (read !== undefined && read * 10n !== input) {
        findings.push({ sourceKey: entry.sourceKey, finding: `cache_read (${band}) is not 0.1x input (kept as listed)` });
      }
    }
  }
  return findings;
}
