import { describe, expect, it } from "vitest";
import { clientAddress, forwardedFor } from "@/lib/rate-limit/client-address";

describe("client address", () => {
  it("takes the last X-Forwarded-For entry (the socket's peer, written by the launcher) with no trusted proxy", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.1, 203.0.113.9" }), 0)).toBe("203.0.113.9");
  });

  it("with N trusted proxies takes the entry the outermost one saw, ignoring what the client prepended", () => {
    const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.1, 10.0.0.2" });
    expect(clientAddress(headers, 1)).toBe("198.51.100.1");
    expect(clientAddress(headers, 2)).toBe("6.6.6.6");
    expect(clientAddress(headers, 5)).toBe("6.6.6.6");
  });

  it("reads next-auth's plain header objects and folds IPv4-mapped IPv6 addresses", () => {
    expect(clientAddress({ "x-forwarded-for": "::ffff:192.0.2.4" }, 0)).toBe("192.0.2.4");
    expect(clientAddress({}, 0)).toBe("unknown");
    expect(clientAddress(new Headers(), 0)).toBe("unknown");
  });
});

describe("the X-Forwarded-For that lib/launcher/serve.ts writes", () => {
  it("drops what a client sent when no proxy is trusted, so a spoofed address counts as the real peer", () => {
    const header = forwardedFor("1.2.3.4", "203.0.113.9", 0);
    expect(header).toBe("203.0.113.9");
    expect(clientAddress({ "x-forwarded-for": header }, 0)).toBe("203.0.113.9");
  });

  it("appends the peer (the nearest proxy) to what trusted proxies wrote", () => {
    const header = forwardedFor("6.6.6.6, 198.51.100.1", "10.0.0.2", 1);
    expect(header).toBe("6.6.6.6, 198.51.100.1, 10.0.0.2");
    expect(clientAddress({ "x-forwarded-for": header }, 1)).toBe("198.51.100.1");
    expect(forwardedFor(undefined, "10.0.0.2", 1)).toBe("10.0.0.2");
  });
});
