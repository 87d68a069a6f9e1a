/** Shared by the server (which throws it) and the login form (which shows it as is). */
export const SIGN_IN_THROTTLED = "Too many sign-in attempts";

export function isThrottledSignIn(error: string | null | undefined): error is string {
  return Boolean(error?.startsWith(SIGN_IN_THROTTLED));
}
