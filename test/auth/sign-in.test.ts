import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { upsertOAuthUser } from "@/lib/auth/accounts";
import { authOptions } from "@/lib/auth/options";
import { passwordDerivationCount } from "@/lib/auth/password";
import { signInWithPassword, SignInThrottledError } from "@/lib/auth/sign-in";
import { useTestDatabase } from "../support/database";
import { useRateLimits } from "../support/rate-limits";
import { newAccount } from "./fixtures";

/**
 * Password sign-in against the real database and real scrypt: throttled per email and per
 * address with a doubling delay, refused early (no scrypt) inside the delay, and the same
 * scrypt work for unknown emails, proved by counting derivations rather than timing them.
 */
useTestDatabase();

const PASSWORD = "a long password 1";
const ENV = {
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  SIGNIN_FREE_ATTEMPTS_PER_EMAIL: "3",
  SIGNIN_FREE_ATTEMPTS_PER_ADDRESS: "6",
  SIGNIN_MAX_DELAY_SECONDS: "60",
};
const clock = useRateLimits(ENV);
let account: Awaited<ReturnType<typeof newAccount>>;
let addressCounter = 0;
const freshAddress = () => `198.51.100.${++addressCounter}`;

beforeAll(async () => {
  account = await newAccount("signin");
});

async function attempt(email: string, password: string, address: string): Promise<"ok" | "wrong" | number> {
  try {
    return (await signInWithPassword({ email, password, address })) ? "ok" : "wrong";
  } catch (error) {
    if (error instanceof SignInThrottledError) return error.retryAfterSeconds;
    throw error;
  }
}

describe("sign-in throttling", () => {
  it("per email: free attempts, then a doubling delay refused before any scrypt, even for the right password", async () => {
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await attempt(account.email, "wrong password!", freshAddress()));
    expect(results).toEqual(["wrong", "wrong", "wrong"]);
    const before = passwordDerivationCount();
    expect(await attempt(account.email, PASSWORD, freshAddress())).toBe(1);
    expect(await attempt(account.email.toUpperCase(), PASSWORD, freshAddress())).toBe(1);
    expect(passwordDerivationCount()).toBe(before);
    clock.advance(1000);
    expect(await attempt(account.email, "wrong password!", freshAddress())).toBe("wrong");
    expect(await attempt(account.email, PASSWORD, freshAddress())).toBe(2);
    clock.advance(2000);
    expect(await attempt(account.email, "wrong password!", freshAddress())).toBe("wrong");
    expect(await attempt(account.email, PASSWORD, freshAddress())).toBe(4);
    clock.advance(4000);
    expect(await attempt(account.email, PASSWORD, freshAddress())).toBe("ok");
    // Success clears the email's count: the owner starts afresh.
    for (let i = 0; i < 3; i++) expect(await attempt(account.email, "wrong password!", freshAddress())).toBe("wrong");
  });

  it("per address: many emails from one address are slowed down, other addresses are not", async () => {
    const address = freshAddress();
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await attempt(`nobody-${i}@example.test`, "some password", address));
    expect(results).toEqual(["wrong", "wrong", "wrong", "wrong", "wrong", "wrong", 1]);
    expect(await attempt(account.email, PASSWORD, address)).toBe(1);
    expect(await attempt(account.email, PASSWORD, freshAddress())).toBe("ok");
  });

  it("counts parallel attempts before checking them: only the free ones run scrypt", async () => {
    const before = passwordDerivationCount();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => attempt(account.email, "wrong password!", freshAddress())),
    );
    expect(results.filter((r) => r === "wrong")).toHaveLength(3);
    expect(results.filter((r) => r === 1)).toHaveLength(9);
    expect(passwordDerivationCount() - before).toBe(3);
  });
});

describe("the same work for unknown emails", () => {
  it("runs one scrypt derivation for an unknown email, a wrong password and a password-less (OAuth) account alike", async () => {
    const oauthEmail = `oauth-${randomBytes(4).toString("hex")}@example.test`;
    await upsertOAuthUser(oauthEmail, "OAuth user");
    await attempt("warm-up@example.test", "x", freshAddress()); // the dummy hash is computed once per process
    const cost = async (email: string, password: string) => {
      const before = passwordDerivationCount();
      const result = await attempt(email, password, freshAddress());
      return { result, derivations: passwordDerivationCount() - before };
    };
    expect(await cost(`unknown-${randomBytes(4).toString("hex")}@example.test`, "some password")).toEqual({
      result: "wrong",
      derivations: 1,
    });
    expect(await cost(account.email, "wrong password!")).toEqual({ result: "wrong", derivations: 1 });
    expect(await cost(oauthEmail, "some password")).toEqual({ result: "wrong", derivations: 1 });
    expect(await cost(account.email, PASSWORD)).toEqual({ result: "ok", derivations: 1 });
  });
});

describe("next-auth's credentials provider", () => {
  // The provider as next-auth calls it: credentials and the request's headers (a plain object).
  async function authorize(email: string, password: string, address: string): Promise<unknown> {
    const provider = authOptions().providers.find((p) => p.id === "credentials") as unknown as {
      options: {
        authorize(credentials: Record<string, string>, req: { headers: Record<string, string> }): Promise<unknown>;
      };
    };
    return provider.options.authorize({ email, password }, { headers: { "x-forwarded-for": address } });
  }

  it("throttles by the address in the request and throws the message the login form shows", async () => {
    const address = freshAddress();
    for (let i = 0; i < 6; i++) expect(await authorize(`probe-${i}@example.test`, "some password", address)).toBeNull();
    await expect(authorize(account.email, PASSWORD, address)).rejects.toThrow(
      "Too many sign-in attempts; try again in 1 second.",
    );
    expect(await authorize(account.email, PASSWORD, freshAddress())).toMatchObject({
      id: account.userId,
      email: account.email,
    });
  });
});
