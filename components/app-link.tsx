"use client";

/**
 * The app's in-page link: Next's Link, prefetching the target when a person points at it or
 * tabs to it instead of when it scrolls into view. The dashboard's pages are dynamic, so a
 * viewport prefetch is a server render per link: a customers list with 200 rows and the
 * navigation sent ~110 of them with every page view, all competing with the page's own data
 * reads (bench:pages). Pointing still leaves the ~100 ms before the click to prefetch. A tap or
 * a click without pointing first prefetches nothing: the navigation itself is already on its
 * way, and a prefetch beside it would be a second server render of the same page.
 */
import Link from "next/link";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { useContext, type ComponentProps } from "react";

export function AppLink({ href, onPointerEnter, onFocus, ...props }: ComponentProps<typeof Link>) {
  // The router as Next's own Link reads it (useRouter throws without one): a link rendered
  // outside the app router, as a component on its own, has nothing to prefetch into.
  const router = useContext(AppRouterContext);
  const target = typeof href === "string" ? href : null;
  const prefetch = () => {
    if (router && target?.startsWith("/")) router.prefetch(target);
  };
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onPointerEnter={(event) => {
        // A touch "enters" the link as the tap that follows it starts.
        if (event.pointerType === "mouse") prefetch();
        onPointerEnter?.(event);
      }}
      onFocus={(event) => {
        // Focus from the keyboard (Tab), not the focus a mouse press gives on its way to the click.
        if (event.currentTarget.matches(":focus-visible")) prefetch();
        onFocus?.(event);
      }}
    />
  );
}
