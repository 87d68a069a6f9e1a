import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot } from "./browser";

/**
 * The accounts flow as people use it: sign up, log in, create a project and an API key,
 * invite a viewer who signs up through the link, then prove the viewer sees no mutating
 * control and that replaying the owner's server-action requests with the viewer's session is
 * refused. Steps run in order and share state.
 */
const baseUrl = inject("baseUrl");
const suffix = randomBytes(3).toString("hex");
const owner = {
  name: "Olivia Owner",
  email: `owner-${suffix}@example.test`,
  password: "owner password 123",
  org: `Acme ${suffix}`,
};
const viewer = { name: "Victor Viewer", email: `viewer-${suffix}@example.test`, password: "viewer password 123" };

let browser: Browser;
let ownerContext: BrowserContext;
let ownerPage: Page;
let orgSlug = "";
let apiKey = "";
let inviteLink = "";
const recorded = new Map<string, { id: string; body: string }>();

function recordActions(page: Page) {
  page.on("request", (request) => {
    const id = request.headers()["next-action"];
    if (id && request.method() === "POST")
      recorded.set(new URL(request.url()).pathname, { id, body: request.postData() ?? "" });
  });
}

async function openUserMenu(page: Page) {
  await page.click("summary[aria-label='Account menu']");
}

beforeAll(async () => {
  browser = await launchBrowser();
  ownerContext = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  ownerPage = await ownerContext.newPage();
  recordActions(ownerPage);
});

afterAll(async () => {
  await browser?.close();
});

describe("accounts, projects, keys and roles in the browser", () => {
  it("signs up, landing on the new organisation's empty overview", async () => {
    await ownerPage.goto(`${baseUrl}/signup`);
    await ownerPage.fill("#signup-name", owner.name);
    await ownerPage.fill("#signup-email", owner.email);
    await ownerPage.fill("#signup-password", "short");
    await ownerPage.fill("#signup-organization", owner.org);
    await ownerPage.click("button[type=submit]");
    await expect.poll(() => ownerPage.textContent("#signup-password-error")).toContain("at least 10 characters");

    await ownerPage.fill("#signup-password", owner.password);
    await ownerPage.click("button[type=submit]");
    await ownerPage.waitForURL(/\/o\/[^/]+\/p\/production\/overview/);
    orgSlug = new URL(ownerPage.url()).pathname.split("/")[2]!;
    await ownerPage.getByText("No usage events yet").waitFor();
    const install = (await ownerPage.textContent("pre")) ?? "";
    expect(install).toMatch(new RegExp(`^npm install ${baseUrl}/sdk/inferledger-sdk-\\d+\\.\\d+\\.\\d+\\.tgz$`));
    expect((await fetch(install.split(" ")[2]!)).status).toBe(200); // the instance serves the tarball it names
    expect(await ownerPage.content()).toContain(`${baseUrl}/api/v1/events`);
    await screenshot(ownerPage, "overview-empty");
  });

  it("logs out and logs back in, refusing a wrong password", async () => {
    await openUserMenu(ownerPage);
    await ownerPage.getByRole("menuitem", { name: "Sign out" }).click();
    await ownerPage.waitForURL(/\/login/);
    await ownerPage.goto(`${baseUrl}/o/${orgSlug}/p/production/overview`);
    await ownerPage.waitForURL(/\/login/);

    await ownerPage.fill("#email", owner.email);
    await ownerPage.fill("#password", "not the password");
    await ownerPage.click("button[type=submit]");
    await ownerPage.getByText("Email or password is wrong.").waitFor();
    await screenshot(ownerPage, "login-error");

    await ownerPage.fill("#password", owner.password);
    await ownerPage.click("button[type=submit]");
    await ownerPage.waitForURL(/\/p\/production\/overview/);
  });

  it("keeps the date range in the URL and across navigation", async () => {
    await ownerPage.selectOption("#range-preset", "7d");
    await ownerPage.waitForURL(/range=7d/);
    await expect.poll(() => ownerPage.inputValue("#range-preset")).toBe("7d");
    await ownerPage.click("nav[aria-label=Project] >> text=Models");
    await ownerPage.waitForURL(/\/models\?range=7d/);
    await expect.poll(() => ownerPage.inputValue("#range-preset")).toBe("7d");

    await ownerPage.selectOption("#range-preset", "custom");
    await ownerPage.fill("#range-from", "2026-01-01");
    await ownerPage.fill("#range-to", "2026-01-31");
    await ownerPage.click("button:has-text('Apply')");
    await ownerPage.waitForURL(/from=2026-01-01&to=2026-01-31/);
    expect(new URL(ownerPage.url()).searchParams.get("range")).toBeNull();
  });

  it("creates a project and switches to it", async () => {
    await ownerPage.goto(`${baseUrl}/o/${orgSlug}/settings/projects`);
    await ownerPage.fill("#project-name", "Staging");
    await ownerPage.click("text=Create project");
    await ownerPage.waitForURL(/\/p\/staging\/settings\/keys/);
    const options = await ownerPage.locator("#project-switcher option").allTextContents();
    expect(options).toEqual(["Production", "Staging"]);
  });

  it("creates an API key shown once, then only masked", async () => {
    await ownerPage.fill("#key-name", "ci pipeline");
    await ownerPage.check("input[name=scopes][value=read]");
    await ownerPage.click("button:has-text('Create key')");
    const value = ownerPage.getByTestId("new-key-value");
    await value.waitFor();
    apiKey = (await value.textContent()) ?? "";
    expect(apiKey).toMatch(/^ilk_[0-9a-f]{8}_[0-9A-Za-z]{32}$/);
    await expect.poll(() => ownerPage.getByTestId("key-row").count()).toBe(1);
    await screenshot(ownerPage, "keys-created");

    await ownerPage.reload();
    await ownerPage.getByTestId("key-row").first().waitFor();
    expect(await ownerPage.content()).not.toContain(apiKey);
    const row = await ownerPage.getByTestId("key-row").first().textContent();
    expect(row).toContain(`${apiKey.split("_").slice(0, 2).join("_")}_••••••••`);
    expect(row).toContain("ingest");
    expect(row).toContain("read");
    expect(row).toContain("Never");
  });

  it("invites a member as viewer with a link shown once", async () => {
    await ownerPage.goto(`${baseUrl}/o/${orgSlug}/settings/members`);
    await ownerPage.fill("#invite-email", viewer.email);
    await ownerPage.selectOption("#invite-role", "viewer");
    await ownerPage.click("text=Create invite link");
    const link = ownerPage.getByTestId("invite-link");
    await link.waitFor();
    inviteLink = (await link.textContent()) ?? "";
    expect(inviteLink).toMatch(new RegExp(`^${baseUrl}/invite/[A-Za-z0-9_-]{20,}$`));
    await expect
      .poll(() => ownerPage.getByRole("region", { name: "Open invitations" }).textContent())
      .toContain(viewer.email);
    await screenshot(ownerPage, "members");
  });

  describe("as the invited viewer", () => {
    let viewerContext: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      viewerContext = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      page = await viewerContext.newPage();
    });

    afterAll(async () => {
      await viewerContext?.close();
    });

    it("opens the link, sees the organisation and role, and signs up into it", async () => {
      await page.goto(inviteLink);
      await page.getByText(`Join ${owner.org}`).waitFor();
      expect(await page.getByTestId("invite-role").textContent()).toBe("Viewer");
      expect(await page.inputValue("#signup-email")).toBe(viewer.email);
      await page.fill("#signup-name", viewer.name);
      await page.fill("#signup-password", viewer.password);
      await page.click("button[type=submit]");
      await page.waitForURL(new RegExp(`/o/${orgSlug}/p/production/overview`));
    });

    it("finds no mutating control on any page", async () => {
      await page.getByText("No usage events yet").waitFor();
      expect(await page.getByRole("link", { name: "Create an ingest key" }).count()).toBe(0);

      await page.goto(`${baseUrl}/o/${orgSlug}/p/staging/settings/keys`);
      await page.getByTestId("key-row").first().waitFor();
      expect(await page.getByRole("form", { name: "Create an API key" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: /revoke|create/i }).count()).toBe(0);
      await screenshot(page, "viewer-keys");

      await page.goto(`${baseUrl}/o/${orgSlug}/settings/members`);
      await page.getByTestId("member-row").first().waitFor();
      expect(await page.getByTestId("member-row").count()).toBe(2);
      expect(await page.getByRole("form", { name: "Invite a member" }).count()).toBe(0);
      expect(await page.locator("main select").count()).toBe(0);
      expect(await page.getByRole("button", { name: /remove|revoke|invite/i }).count()).toBe(0);

      await page.goto(`${baseUrl}/o/${orgSlug}/settings/projects`);
      await page.getByTestId("project-row").first().waitFor();
      expect(await page.getByRole("form", { name: "Create a project" }).count()).toBe(0);
      expect(await page.locator("main button, main input").count()).toBe(0);
    });

    it("is refused when replaying the owner's server-action requests", async () => {
      const keysPath = `/o/${orgSlug}/p/staging/settings/keys`;
      const attempts = [
        { path: keysPath, action: recorded.get(keysPath) },
        { path: `/o/${orgSlug}/settings/members`, action: recorded.get(`/o/${orgSlug}/settings/members`) },
        { path: `/o/${orgSlug}/settings/projects`, action: recorded.get(`/o/${orgSlug}/settings/projects`) },
      ];
      for (const attempt of attempts) {
        expect(attempt.action, `recorded the owner's action on ${attempt.path}`).toBeDefined();
        const response = await viewerContext.request.post(`${baseUrl}${attempt.path}`, {
          headers: {
            "next-action": attempt.action!.id,
            "content-type": "text/plain;charset=UTF-8",
            accept: "text/x-component",
            origin: baseUrl,
          },
          data: attempt.action!.body,
        });
        const text = await response.text();
        expect(text, attempt.path).toContain('"code":"forbidden"');
        expect(text).not.toMatch(/ilk_[0-9a-f]{8}_[0-9A-Za-z]{32}/);
        expect(text).not.toContain("/invite/");
      }

      // Without any session the same request is refused before anything is looked up.
      const anonymous = await browser.newContext();
      const response = await anonymous.request.post(`${baseUrl}${keysPath}`, {
        headers: {
          "next-action": recorded.get(keysPath)!.id,
          "content-type": "text/plain;charset=UTF-8",
          accept: "text/x-component",
          origin: baseUrl,
        },
        data: recorded.get(keysPath)!.body,
      });
      expect(await response.text()).toContain('"code":"unauthorized"');
      await anonymous.close();

      // Nothing changed: still one key, one extra member, two projects.
      await ownerPage.goto(`${baseUrl}${keysPath}`);
      await expect.poll(() => ownerPage.getByTestId("key-row").count()).toBe(1);
      await ownerPage.goto(`${baseUrl}/o/${orgSlug}/settings/projects`);
      await expect.poll(() => ownerPage.getByTestId("project-row").count()).toBe(2);
      await ownerPage.goto(`${baseUrl}/o/${orgSlug}/settings/members`);
      await expect.poll(() => ownerPage.getByRole("region", { name: "Open invitations" }).count()).toBe(0);
    });

    it("cannot see another organisation: the owner's other org slug is a 404", async () => {
      const response = await page.goto(`${baseUrl}/o/not-${orgSlug}/p/production/overview`);
      expect(response?.status()).toBe(404);
    });

    it("logs out", async () => {
      await page.goto(`${baseUrl}/o/${orgSlug}/p/production/overview`);
      await openUserMenu(page);
      await page.getByRole("menuitem", { name: "Sign out" }).click();
      await page.waitForURL(/\/login/);
      await page.goto(`${baseUrl}/o/${orgSlug}/settings/members`);
      await page.waitForURL(/\/login/);
    });
  });
});
