/**
 * Password sign-in. Attempts are throttled per email and per client address with an
 * exponential delay: an attempt inside the delay is refused at once (no scrypt, no database),
 * and each attempt is counted before the password is checked, so parallel guesses are counted
 * too. Unknown emails are checked against a dummy hash, so they cost the same scrypt work.
 * Sign-ups (also a scrypt each) count against the same per-address budget.
 */
import { getDb } from "@/lib/db/client";
import { backoffPolicy } from "@/lib/rate-limit/policies";
import { rateLimitStore } from "@/lib/rate-limit/store";
import { dummyPasswordHash, verifyPassword } from "./password";
import { SIGN_IN_THROTTLED } from "./sign-in-messages";

export class SignInThrottledError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    what = SIGN_IN_THROTTLED,
  ) {
    super(`${what}; try again in ${formatWait(retryAfterSeconds)}.`);
  }
}

const addressKey = (address: string) => `signin_address:${address}`;

/** Counts a password attempt of the client address, or throws inside its delay. */
export async function reserveAddressAttempt(address: string, what = SIGN_IN_THROTTLED): Promise<void> {
  const decision = await rateLimitStore().reserveAttempt(addressKey(address), backoffPolicy("signin_address"));
  if (!decision.allowed) throw new SignInThrottledError(decision.retryAfterSeconds, what);
}

// RFC 5321's limit; a longer one matches no account and must not make a huge limiter key.
const MAX_EMAIL_LENGTH = 320;

interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
}

export async function signInWithPassword(input: {
  email: string;
  password: string;
  address: string;
}): Promise<SignedInUser | null> {
  const email = input.email.trim().toLowerCase().slice(0, MAX_EMAIL_LENGTH);
  const emailKey = `signin_email:${email}`;
  const store = rateLimitStore();
  await reserveAddressAttempt(input.address);
  const byEmail = await store.reserveAttempt(emailKey, backoffPolicy("signin_email"));
  if (!byEmail.allowed) {
    await store.releaseAttempt(addressKey(input.address)); // refused before any work: not a guess
    throw new SignInThrottledError(byEmail.retryAfterSeconds);
  }
  const user = await getDb().prisma.user.findUnique({ where: { email } });
  const matches = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user?.passwordHash || !matches) return null;
  await store.clearAttempts(emailKey);
  await store.releaseAttempt(addressKey(input.address));
  return { id: user.id, email: user.email, name: user.name };
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
