import { describe, expect, it } from "vitest";
import { conflict, DomainError, invalidField, invalidFields, issuesOf, notFound } from "@/lib/errors";
import { fromDomainError } from "@/lib/api/errors";
import { toActionError } from "@/lib/auth/action-result";

describe("the one domain error", () => {
  it("names every field in its message", () => {
    const error = invalidFields([
      { path: "assignments[2].from", message: "must be a day" },
      { path: "", message: "too many" },
    ]);
    expect(error.message).toBe("assignments[2].from: must be a day; (root): too many");
    expect(issuesOf([{ path: ["events", 3, "model"], message: "required" }])).toEqual([
      { path: "events[3].model", message: "required" },
    ]);
  });

  it("maps onto the API envelope once: bad input is a body error when the route takes a body", () => {
    expect(fromDomainError(invalidField("to", "not a day"), true).code).toBe("invalid_body");
    expect(fromDomainError(invalidField("to", "not a day"), false).code).toBe("invalid_query");
    expect(fromDomainError(notFound("No such plan"), true)).toMatchObject({
      code: "not_found",
      message: "No such plan",
    });
    expect(fromDomainError(conflict("2026-11 is already closed"), false).code).toBe("conflict");
    expect(fromDomainError(new DomainError("unavailable", "later"), false).code).toBe("unavailable");
  });

  it("maps onto a server action's result with the field a form can point at", () => {
    // Forms show the field beside the message: one issue's message comes without its path.
    expect(toActionError(invalidField("name", "required"))).toEqual({
      ok: false,
      code: "invalid",
      field: "name",
      message: "required",
    });
    expect(
      toActionError(
        invalidFields([
          { path: "name", message: "required" },
          { path: "scopes", message: "at least one" },
        ]),
      ),
    ).toEqual({ ok: false, code: "invalid", field: "name", message: "name: required; scopes: at least one" });
    expect(toActionError(conflict("taken"))).toEqual({
      ok: false,
      code: "conflict",
      field: undefined,
      message: "taken",
    });
  });
});
