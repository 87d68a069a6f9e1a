"use client";

/**
 * The date range a person chose (`range`, or `from`/`to`), as a query suffix for the shell's
 * links: it travels through every page, settings and organisation pages included (they do not
 * read it), so coming back to a dashboard shows the period that was being looked at.
 */
import { useSearchParams } from "next/navigation";
import { RANGE_PARAMS } from "./nav-items";

export function useKeptRange(): string {
  const searchParams = useSearchParams();
  const kept = new URLSearchParams();
  for (const name of RANGE_PARAMS) {
    const value = searchParams.get(name);
    if (value) kept.set(name, value);
  }
  return kept.size ? `?${kept.toString()}` : "";
}
