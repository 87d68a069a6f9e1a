import { z } from "zod";
import { parseNetwork } from "@/lib/net/networks";

/**
 * The only reader of process.env. Parsed once, on first use, so tests and the launcher can
 * set variables before anything asks; every error names the variable and the reason.
 */
const optionalText = z.string().trim().min(1).optional();

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
    .optional(),
  INFERLEDGER_DATA_DIR: z.string().min(1).default(".data/pglite"),
  INFERLEDGER_EMBEDDED: z.enum(["0", "1"]).default("0"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.url().optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  GITHUB_ID: optionalText,
  GITHUB_SECRET: optionalText,
  GOOGLE_ID: optionalText,
  GOOGLE_SECRET: optionalText,
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  EMAIL_FROM: z.string().min(3).default("InferLedger <digest@inferledger.local>"),
  CRON_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000, "at least 1000 (ms)")
    .max(3_600_000, "at most 3600000 (one hour)")
    .default(30_000),
  INGEST_RATE_PER_SECOND: z.coerce.number().int().positive().default(2000),
  // Read and management API, per key and per signed-in user. A dashboard page fires a dozen at once.
  API_RATE_PER_SECOND: z.coerce.number().positive().default(20),
  API_RATE_BURST: z.coerce.number().int().positive().default(120),
  // Requests with an unknown, revoked or malformed API key, per client address.
  INVALID_KEY_RATE_PER_SECOND: z.coerce.number().positive().default(1),
  INVALID_KEY_BURST: z.coerce.number().int().positive().default(20),
  // Password sign-in: attempts before the exponential delay starts, and its cap.
  SIGNIN_FREE_ATTEMPTS_PER_EMAIL: z.coerce.number().int().min(1).default(5),
  SIGNIN_FREE_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  SIGNIN_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  // How many reverse proxies in front of the app append to X-Forwarded-For (0: none, the socket's address counts).
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  DISABLE_SCHEDULER: z.enum(["0", "1"]).default("0"),
  // Networks alert webhooks may reach although private or loopback (local receivers in tests and development).
  ALERT_WEBHOOK_ALLOWED_NETWORKS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      const bad = (value ?? "").split(",").filter((part) => part.trim() !== "" && parseNetwork(part) === null);
      if (bad.length)
        ctx.addIssue({
          code: "custom",
          message: `not an IP address or CIDR network: ${bad.join(", ")} (e.g. 127.0.0.1/32,10.1.0.0/16)`,
        });
    }),
  // How often the scheduler judges today's partial data for anomalies and alerts what it finds.
  ANOMALY_DETECTION_INTERVAL_MINUTES: z.coerce
    .number()
    .int("a whole number of minutes")
    .min(1, "at least 1 (minute)")
    .max(60, "at most 60 (minutes)")
    .default(5),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

let cached: Env | undefined;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  return result.data;
}

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests and the launcher, which change the environment before the app reads it. */
export function resetEnvForTests(): void {
  cached = undefined;
}

export function appUrl(env: Env = getEnv()): string {
  return env.APP_URL ?? `http://localhost:${env.PORT}`;
}
