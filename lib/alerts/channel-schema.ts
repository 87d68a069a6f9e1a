/** An alert channel as a client writes it; the target is checked against the channel's kind. */
import { z } from "zod";
import { objectError } from "@/lib/budgets/schema";
import { CHANNEL_KINDS, SEVERITIES } from "./contracts";
import { localNameRefusal, urlRefusal } from "./url-policy";

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

/** An email address, or an http(s) URL on the public internet (url-policy.ts): where alerts go. */
function targetProblem(kind: (typeof CHANNEL_KINDS)[number], target: string): string | null {
  if (kind === "email") return EMAIL.test(target) ? null : "an email address";
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return "an http(s) URL";
  }
  return urlRefusal(kind, url) ?? localNameRefusal(url);
}

/** The target's problem as an error message ("must be an email address for an email channel"), or null. */
export function targetError(kind: (typeof CHANNEL_KINDS)[number], target: string): string | null {
  const problem = targetProblem(kind, target);
  return problem ? `must be ${problem} for ${kind === "email" ? "an" : "a"} ${kind} channel` : null;
}

const fields = {
  name: z
    .string({ error: "required, a name for the channel" })
    .trim()
    .min(1, "required")
    .max(120, "at most 120 characters"),
  target: z
    .string({ error: "required: an email address, or the webhook URL" })
    .trim()
    .min(1, "required")
    .max(2000, "at most 2000 characters"),
  budget_alerts: z.boolean({ error: "true or false" }).default(true),
  anomaly_min_severity: z
    .enum(SEVERITIES, { error: `one of ${SEVERITIES.join(", ")}, or null for no anomaly alerts` })
    .nullable()
    .default("high"),
  muted: z.boolean({ error: "true or false" }).default(false),
};

export const channelCreateSchema = z
  .object(
    { kind: z.enum(CHANNEL_KINDS, { error: `one of ${CHANNEL_KINDS.join(", ")}` }), ...fields },
    { error: objectError("a JSON object describing the channel") },
  )
  .strict()
  .superRefine((input, ctx) => {
    const error = targetError(input.kind, input.target);
    if (error) ctx.addIssue({ code: "custom", path: ["target"], message: error });
  });

/** Any subset of the fields; `enabled: true` turns a channel disabled after failures back on. */
export const channelPatchSchema = z
  .object(
    {
      name: fields.name.optional(),
      target: fields.target.optional(),
      budget_alerts: z.boolean({ error: "true or false" }).optional(),
      anomaly_min_severity: z
        .enum(SEVERITIES, { error: `one of ${SEVERITIES.join(", ")}, or null` })
        .nullable()
        .optional(),
      muted: z.boolean({ error: "true or false" }).optional(),
      enabled: z.literal(true, { error: "only true (re-enables a disabled channel)" }).optional(),
    },
    { error: objectError("a JSON object with the fields to change") },
  )
  .strict();
export type ChannelPatch = z.infer<typeof channelPatchSchema>;
