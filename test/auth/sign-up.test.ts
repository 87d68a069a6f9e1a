import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestSignUp, signUpSchema } from "@/lib/auth/accounts";
import { EXISTING_ACCOUNT_SUBJECT } from "@/lib/auth/account-mail";
import { SignInThrottledError } from "@/lib/auth/sign-in";
import { passwordDerivationCount, verifyPassword } from "@/lib/auth/password";
import { resetEnvForTests } from "@/lib/env";
import { useTestDatabase } from "../support/database";
import { useRateLimits } from "../support/rate-limits";
import { startTestSmtpServer, type TestSmtpServer } from "../support/smtp";
import { parseMail } from "../digest/mime";
import { newAccount } from "./fixtures";

/**
 * Public sign-up (what the sign-up action runs) does not tell whether an email is registered:
 * the same answer and the same scrypt work either way; a registered email creates nothing and
 * its owner gets an email, over a real SMTP server here (and into the outbox when no SMTP
 * server is configured). Sign-ups count against the address's password-attempt budget.
 */
const db = useTestDatabase();
const clock = useRateLimits({ SIGNIN_FREE_ATTEMPTS_PER_ADDRESS: "3" });
let addressCounter = 0;
const fromNewAddress = () => ({ address: `192.0.2.${++addressCounter}` });
const form = (email: string, organization = "Newco") => ({
  name: "Someone",
  email,
  password: "another long password",
  organization,
});
const submitSignUp = (input: ReturnType<typeof form>, client = fromNewAddress()) =>
  requestSignUp(signUpSchema.parse(input), client);
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
});

afterAll(async () => {
  await smtp.close();
  delete process.env.SMTP_URL;
  resetEnvForTests();
});

function useSmtp(url: string | undefined): void {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  resetEnvForTests();
}

const counts = async () => ({
  users: await db.prisma.user.count(),
  orgs: await db.prisma.organization.count(),
});

describe("sign-up without disclosure", () => {
  it("answers a new and a registered email the same way, creating an account only for the new one", async () => {
    useSmtp(smtp.url);
    const existing = await newAccount("taken");
    const before = await counts();
    let derivations = passwordDerivationCount();
    const forNew = await submitSignUp(form(`new-${Date.now()}@example.test`));
    expect(passwordDerivationCount() - derivations).toBe(1);
    derivations = passwordDerivationCount();
    const forExisting = await submitSignUp(form(existing.email.toUpperCase(), "Intruder Ltd"));
    expect(passwordDerivationCount() - derivations).toBe(1);

    expect(forExisting).toEqual(forNew);
    expect(forNew).toBeUndefined();
    expect(await counts()).toEqual({ users: before.users + 1, orgs: before.orgs + 1 });
    const owner = await db.prisma.user.findUniqueOrThrow({ where: { email: existing.email } });
    expect(await verifyPassword("a long password 1", owner.passwordHash!)).toBe(true);
    expect(await db.prisma.organization.count({ where: { name: "Intruder Ltd" } })).toBe(0);
  });

  it("mails the registered email's owner over SMTP, and nobody else", async () => {
    useSmtp(smtp.url);
    const existing = await newAccount("owner");
    const fresh = `fresh-${Date.now()}@example.test`;
    await submitSignUp(form(fresh));
    await submitSignUp(form(existing.email));
    const to = (email: string) => smtp.received.filter((message) => message.to.includes(email));
    await expect.poll(() => to(existing.email).length).toBe(1);
    expect(to(fresh)).toEqual([]);
    const mail = parseMail(to(existing.email)[0]!.raw);
    expect(mail.subject).toBe(EXISTING_ACCOUNT_SUBJECT);
    expect(mail.text).toContain("You already have an account, so nothing was created");
    expect(mail.text).toContain("/login");
  });

  it("puts the owner's email in the outbox of their organisation when no SMTP server is configured", async () => {
    useSmtp(undefined);
    const existing = await newAccount("outbox");
    await submitSignUp(form(existing.email));
    const outbox = async () =>
      (await db.pool.query("SELECT to_address, subject FROM outbox_messages WHERE org_id = $1", [existing.orgId])).rows;
    await expect.poll(outbox).toEqual([{ to_address: existing.email, subject: EXISTING_ACCOUNT_SUBJECT }]);
  });

  it("counts sign-ups against the address's attempts, refusing before any scrypt once they are spent", async () => {
    const client = fromNewAddress();
    for (let i = 0; i < 3; i++) await submitSignUp(form(`batch-${i}-${Date.now()}@example.test`), client);
    const before = passwordDerivationCount();
    const refused = submitSignUp(form(`batch-more-${Date.now()}@example.test`), client);
    await expect(refused).rejects.toBeInstanceOf(SignInThrottledError);
    await expect(refused).rejects.toThrow("Too many sign-up attempts from this address; try again in 1 second.");
    expect(passwordDerivationCount()).toBe(before);
    clock.advance(1000);
    await expect(submitSignUp(form(`batch-later-${Date.now()}@example.test`), client)).resolves.toBeUndefined();
  });
});
