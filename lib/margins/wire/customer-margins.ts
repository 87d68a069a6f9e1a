/**
 * The wire contract of GET /api/v1/margins/customers: each customer's revenue and margin (on
 * fully loaded cost) in a period, the two figures the customers list shows beside cost. The
 * margins report carries the same totals with every customer's features, revenue lines and
 * plans (about 3 kB a customer, 570 kB for the demo's 200); this answer is under 100 bytes a customer.
 */
import { z } from "zod";
import { wireDay, wireMoney } from "@/lib/api/wire";

export const customerMarginSchema = z.object({
  customer: z.string(),
  revenue: wireMoney.describe("Revenue in the period, exact dollars"),
  margin: wireMoney.describe("revenue − fully loaded cost"),
  margin_pct: z
    .number()
    .nullable()
    .describe("margin / revenue in percent, two decimals, display only; null without revenue"),
});

export const customerMarginsResponseSchema = z.object({
  period: z.object({ from: wireDay, to: wireDay }),
  customers: z.array(customerMarginSchema),
});

export type CustomerMargin = z.infer<typeof customerMarginSchema>;
export type CustomerMarginsResponse = z.infer<typeof customerMarginsResponseSchema>;
