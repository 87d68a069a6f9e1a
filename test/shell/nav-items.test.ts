import { describe, expect, it } from "vitest";
import { showsDateRange } from "@/components/shell/nav-items";

describe("the shell's date-range picker", () => {
  it.each([
    "overview",
    "features",
    "features/support-bot",
    "customers",
    "models/gpt-4o",
    "events",
    "pricing",
    "anomalies",
  ])("shows on /o/acme/p/main/%s, which reads the range", (rest) =>
    expect(showsDateRange(`/o/acme/p/main/${rest}`)).toBe(true),
  );

  it.each([
    "/o/acme/p/main/budgets",
    "/o/acme/p/main/send-data",
    "/o/acme/p/main/settings",
    "/o/acme/p/main/settings/keys",
    "/o/acme/settings/members",
    "/o/acme/digest",
    "/o/acme/p/main",
  ])("is hidden on %s, where it would change nothing", (pathname) => expect(showsDateRange(pathname)).toBe(false));
});
