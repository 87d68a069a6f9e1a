/** Validation of the notification settings form (one schema for the action and its tests). */
import { z } from "zod";
import { assertTimeZone } from "@/lib/calendar/zone";

export const subscriptionFormSchema = z.object({
  enabled: z.enum(["on", "off"]).transform((v) => v === "on"),
  weekday: z.coerce
    .number()
    .int()
    .min(1, "weekday: 1 (Monday) to 7 (Sunday)")
    .max(7, "weekday: 1 (Monday) to 7 (Sunday)"),
  hour: z.coerce.number().int().min(0, "hour: 0 to 23").max(23, "hour: 0 to 23"),
  timezone: z.string().refine((tz) => {
    try {
      assertTimeZone(tz);
      return true;
    } catch {
      return false;
    }
  }, "timezone: not a known IANA time zone"),
  projectId: z
    .string()
    .uuid()
    .or(z.literal(""))
    .transform((v) => (v === "" ? null : v)),
});

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
