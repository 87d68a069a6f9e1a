import type { Femto } from "@/lib/money";
import type { Anomaly } from "@/lib/anomalies/types";
import type { Contributor } from "@/lib/anomalies/root-cause";
import type { Day } from "@/lib/calendar/days";
import type { MonthForecast } from "./forecast";

/** Spend of one feature or customer in the two weeks compared. */
export interface MoverInput {
  name: string;
  thisWeek: Femto;
  lastWeek: Femto;
}

export interface DigestAnomaly {
  anomaly: Anomaly;
  rootCauses?: readonly Contributor[];
  /** Stored anomaly id, for a link to its page; without it the link filters by series and day. */
  id?: string;
}

/** Everything one member's weekly digest shows; assembled by the digest builder from the database. */
export interface DigestData {
  orgName: string;
  orgSlug: string;
  projectName: string;
  projectSlug: string;
  recipientName?: string;
  /** The app's public base URL; every link in the email is absolute under it. */
  baseUrl: string;
  week: { key: string; firstDay: Day; lastDay: Day; timeZone: string };
  spend: { thisWeek: Femto; lastWeek: Femto };
  /** This week's spend per day (Mon..Sun) for the mini chart; optional. */
  dailySpend?: readonly { day: Day; cost: Femto }[];
  /** Margin (revenue - fully loaded cost) where pricing plans exist; usage and fully loaded cost side by side. */
  margin?: {
    thisWeek: Femto;
    lastWeek: Femto;
    revenueThisWeek?: Femto;
    revenueLastWeek?: Femto;
    costThisWeek?: { usage: Femto; loaded: Femto };
  };
  /** Every feature/customer with spend in either week; the digest picks the top movers. */
  movers: { feature: readonly MoverInput[]; customer: readonly MoverInput[] };
  anomalies: readonly DigestAnomaly[];
  unpricedModels: readonly { provider: string; model: string; events: number }[];
  forecast: MonthForecast | null;
  unsubscribeUrl: string;
}

export interface RenderedDigest {
  subject: string;
  /** A short line mail clients show after the subject. */
  preheader: string;
  html: string;
  text: string;
}
