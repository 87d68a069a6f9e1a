/**
 * Regenerates lib/pricing/catalog/price-book.json from the source snapshots in
 * ./sources and prints what it skipped, corrected and found in disagreement.
 * Usage: npm run prices:build [-- <data dir>]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildPriceBook, serializePriceBook } from "./build";

const SOURCE_DATE = "2026-11-27";
const dataDir = resolve(process.argv[2] ?? resolve(import.meta.dirname, "sources"));
const outFile = resolve(import.meta.dirname, "price-book.json");

const readJson = (name: string): unknown => JSON.parse(readFileSync(resolve(dataDir, name), "utf8"));
const { book, report } = buildPriceBook(
  readJson("litellm-model-prices.json") as Record<string, unknown>,
  readJson("langfuse-default-model-prices.json"),
  { sourceDate: SOURCE_DATE },
);
writeFileSync(outFile, serializePriceBook(book));

console.log(`price book ${book.version}: ${report.entries} entries from ${report.sourceModels} source keys, ${report.aliases} langfuse aliases`);
console.log(`skipped: ${JSON.stringify(report.skipped)}; duplicates: ${report.duplicates.length}`);
for (const detail of report.unrepresentable) console.log(`  unrepresentable: ${detail}`);
console.log(`Anthropic caching rule findings: ${report.anthropicFindings.length}`);
for (const { sourceKey, finding } of report.anthropicFindings) console.log(`  ${sourceKey}: ${finding}`);
console.log(`litellm vs langfuse disagreements ($/Mtok): ${report.langfuseDisagreements.length}`);
for (const d of report.langfuseDisagreements) console.log(`  ${d.model} ${d.tokenClass}: litellm ${d.litellm}, langfuse ${d.langfuse}`);
console.log(`wrote ${outFile}`);
