/**
 * The wire contract of GET /api/v1/margins/customers: each customer's revenue and margin (on
 * fully loaded cost) in a period, the two figures the customers list shows beside cost. The
 * margins report carries the same totals with every customer's features, revenue lines and
 * plans (about 3 kB a customer, 570 kB for the demo's 200); this answer is under 100 bytes a customer.
 */
import { z } from "zod";

export const customerMarginSchema = z.object({
  customer: z.string(),
  /** Exact dollars, as every margins figure. */
  revenue: z.string(),
  margin: z.string(),
  /** margin / revenue in percent, two decimals, display only; null without revenue. */
  margin_pct: z.number().nullable(),
});

export const customerMarginsResponseSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  customers: z.array(customerMarginSchema),
});

export type CustomerMargin = z.infer<typeof customerMarginSchema>;
export type CustomerMarginsResponse = z.infer<typeof customerMarginsResponseSchema>;
