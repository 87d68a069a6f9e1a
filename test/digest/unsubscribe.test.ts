import { describe, expect, it } from "vitest";
import {
  signUnsubscribeToken,
  unsubscribeHeaders,
  unsubscribeUrl,
  verifyUnsubscribeToken,
} from "@/lib/digest/unsubscribe";

const SECRET = "0123456789abcdef0123456789abcdef-test-secret";
const claims = { userId: "user_42", orgId: "org_7", purpose: "weekly_digest" as const };

function flip(text: string, index: number): string {
  const c = text[index]!;
  return text.slice(0, index) + (c === "A" ? "B" : "A") + text.slice(index + 1);
}

describe("unsubscribe tokens", () => {
  const token = signUnsubscribeToken(claims, SECRET);

  it("round-trips the user, organisation and purpose", () => {
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyUnsubscribeToken(token, SECRET)).toEqual(claims);
  });

  it("refuses a token whose payload names another user", () => {
    const [v, , sig] = token.split(".");
    const forged = Buffer.from(JSON.stringify(["user_43", "org_7", "weekly_digest"])).toString("base64url");
    expect(verifyUnsubscribeToken(`${v}.${forged}.${sig}`, SECRET)).toBeNull();
  });

  it("refuses any single changed character, a truncated signature, or another secret", () => {
    for (let i = 3; i < token.length; i++) {
      if (token[i] !== ".") expect(verifyUnsubscribeToken(flip(token, i), SECRET)).toBeNull();
    }
    expect(verifyUnsubscribeToken(token.slice(0, -2), SECRET)).toBeNull();
    expect(verifyUnsubscribeToken(token, `${SECRET}-other`)).toBeNull();
  });

  it("refuses malformed input without throwing", () => {
    for (const bad of ["", "v1", "v1..", "v2.a.b", "v1.a.b.c", "v1.!!!.abc", "x".repeat(5000)]) {
      expect(verifyUnsubscribeToken(bad, SECRET)).toBeNull();
    }
  });

  it("binds the purpose: a digest token is not an alerts token", () => {
    const alerts = signUnsubscribeToken({ ...claims, purpose: "anomaly_alerts" }, SECRET);
    expect(alerts).not.toBe(token);
    expect(verifyUnsubscribeToken(alerts, SECRET)?.purpose).toBe("anomaly_alerts");
  });

  it("refuses a signature that differs only in the spare bits of its last character", () => {
    const last = token.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const sibling = alphabet[alphabet.indexOf(last) ^ 1]!;
    expect(verifyUnsubscribeToken(token.slice(0, -1) + sibling, SECRET)).toBeNull();
  });

  it("requires a secret of at least 32 bytes", () => {
    expect(() => signUnsubscribeToken(claims, "short")).toThrow(/at least 32 bytes/);
  });

  it("builds the link and the one-click headers", () => {
    const url = unsubscribeUrl("https://app.example.com/base/", token);
    expect(url).toBe(`https://app.example.com/base/unsubscribe?token=${token}`);
    expect(unsubscribeHeaders(url)).toEqual({
      "List-Unsubscribe": `<${url}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });
});
