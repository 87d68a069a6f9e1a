"use client";

/**
 * Dashboard state lives in the URL so a view can be shared: the date range (the shell's
 * `range` or `from`/`to`), filters (`feature`, `customer`, `model`, `provider`), `q` (search),
 * `sort`/`order`, `stack`. Updates replace the history entry (typing in a search box must not
 * fill the back button) and keep every other parameter.
 */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { readRangeParams } from "@/lib/analytics/date-range";

interface UrlState {
  get: (name: string) => string | undefined;
  /** The date range parameters exactly as the URL holds them, for the read API. */
  range: Record<string, string>;
  /** null or undefined removes a parameter; "" keeps it, empty. */
  set: (update: Record<string, string | null | undefined>) => void;
  /** `?range=...` for links to other dashboard pages, keeping the period. */
  rangeQuery: string;
}

export function useUrlState(): UrlState {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const text = searchParams.toString();

  // An unreadable or inverted range reads as the default period, as the shell's picker reads it.
  const range = useMemo<Record<string, string>>(() => readRangeParams(new URLSearchParams(text)), [text]);

  const set = useCallback(
    (update: Record<string, string | null | undefined>) => {
      const next = new URLSearchParams(text);
      for (const [name, value] of Object.entries(update)) {
        // "" is a value: `?customer=` selects events sent without a customer.
        if (value === null || value === undefined) next.delete(name);
        else next.set(name, value);
      }
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname, text],
  );

  const get = useCallback((name: string) => new URLSearchParams(text).get(name) ?? undefined, [text]);
  const rangeQuery = new URLSearchParams(range).toString();
  return { get, range, set, rangeQuery: rangeQuery ? `?${rangeQuery}` : "" };
}
