import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

describe("password hashing (scrypt)", () => {
  it("stores scrypt$N$r$p$salt$hash with memory-hard parameters and a 16-byte salt", async () => {
    const stored = await hashPassword("correct horse battery");
    const [scheme, n, r, p, salt, hash] = stored.split("$");
    expect(scheme).toBe("scrypt");
    expect(Number(n)).toBeGreaterThanOrEqual(2 ** 15);
    expect(Number(r)).toBe(8);
    expect(Number(p)).toBe(1);
    expect(Buffer.from(salt!, "base64url")).toHaveLength(16);
    expect(Buffer.from(hash!, "base64url")).toHaveLength(64);
    expect(stored).not.toContain("correct horse");
  });

  it("accepts the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts every hash, so equal passwords hash differently", async () => {
    const [a, b] = await Promise.all([hashPassword("same password!"), hashPassword("same password!")]);
    expect(a).not.toBe(b);
  });

  it("treats canonically equivalent Unicode spellings as the same password", async () => {
    const stored = await hashPassword("caf\u00e9-passw0rd");
    expect(await verifyPassword("cafe\u0301-passw0rd", stored)).toBe(true);
  });

  it("refuses malformed or foreign stored hashes instead of throwing", async () => {
    for (const stored of ["", "plain", "bcrypt$2b$10$abc", "scrypt$32768$8$1$$"]) {
      expect(await verifyPassword("anything at all", stored)).toBe(false);
    }
  });
});
