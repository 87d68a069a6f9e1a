import { existsSync, readdirSync } from "node:fs";
import next from "eslint-config-next";
import nextTypescript from "eslint-config-next/typescript";

const APP_PATTERN = {
  group: ["@/app/*"],
  message: "app/ imports components and lib, never the reverse: put shared code (server actions too) in lib/.",
};

/**
 * A domain's db/ folder is its own: other domains call what it exports from `lib/<domain>/server.ts`
 * (or a pure module beside it). Composition roots wire domains together the way app/ routes do, so
 * they may import any domain's db/. lib/query is the client layer, held to the components' rule.
 */
const COMPOSITION_ROOTS = new Set(["actions", "cli", "demo", "scheduler", "query"]);
const libDir = new URL("./lib/", import.meta.url);
const domains = readdirSync(libDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== "generated")
  .map((entry) => entry.name);
const domainsWithDb = domains.filter((domain) => existsSync(new URL(`${domain}/db`, libDir)));
const domainsWithServer = domains.filter((domain) => existsSync(new URL(`${domain}/server.ts`, libDir)));

function foreignDbPattern(domain) {
  const others = domainsWithDb.filter((other) => other !== domain);
  return {
    // `**/` catches relative paths (../budgets/db/store) as well as @/lib/budgets/db/store.
    group: others.flatMap((other) => [`**/${other}/db`, `**/${other}/db/**`]),
    message: `lib/${domain} must not reach into another domain's db/: import its lib/<domain>/server.ts (or a pure module).`,
  };
}

/** Extra patterns of domains with a stricter place in the stack (pricing sits under most others). */
const EXTRA_PATTERNS = {
  pricing: [
    {
      group: [
        "@/lib/*",
        "!@/lib/calendar",
        "!@/lib/calendar/*",
        "!@/lib/money",
        "!@/lib/money/*",
        "!@/lib/db",
        "!@/lib/db/*",
        "!@/lib/errors",
        "!@/lib/token-classes",
        "!@/lib/rollups",
        "!@/lib/rollups/*",
        "!@/lib/api",
        "!@/lib/api/*",
        "@/components/*",
        "@/app/*",
      ],
      message:
        "lib/pricing sits under ingestion, analytics and margins: it imports only calendar, money, db, errors, token classes, rollups and api helpers.",
    },
  ],
  calendar: [
    { group: ["@/lib/*", "@/components/*", "@/app/*"], message: "lib/calendar imports nothing else from the project." },
  ],
  money: [
    { group: ["@/lib/*", "@/components/*", "@/app/*"], message: "lib/money imports nothing else from the project." },
  ],
};

/** One block per lib/ folder: a later block's no-restricted-imports replaces an earlier one's, so each lists all. */
const libBoundaries = domains
  .filter((domain) => !COMPOSITION_ROOTS.has(domain))
  .map((domain) => ({
    files: [`lib/${domain}/**`],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [APP_PATTERN, foreignDbPattern(domain), ...(EXTRA_PATTERNS[domain] ?? [])] },
      ],
    },
  }));

/**
 * Browser code never imports database modules: a domain's db/ and its server.ts (what other
 * domains call of db/) are the server's. Pages load their first data in app/ (the page's
 * prefetch.ts beside it), and components read wire schemas from lib/<domain>/contracts.ts.
 */
const SERVER_ONLY_PATTERN = {
  group: [
    ...domainsWithDb.flatMap((domain) => [`**/${domain}/db`, `**/${domain}/db/**`]),
    ...domainsWithServer.map((domain) => `**/${domain}/server`),
    // The database client and the session guards run on the server only.
    "**/lib/db/*",
    "**/lib/auth/guard",
    "**/lib/auth/session",
  ],
  message:
    "Browser code must not pull in database modules: import lib/<domain>/contracts.ts (or a pure module), and load a page's data in app/.",
};

const config = [
  ...next,
  ...nextTypescript,
  // Test helpers such as useTestDatabase() register vitest hooks, not React hooks.
  { files: ["test/**/*.ts", "packages/*/test/**/*.ts"], rules: { "react-hooks/rules-of-hooks": "off" } },
  // Imports run downward (app -> components -> lib); lib/calendar and lib/money sit at the bottom.
  {
    files: ["components/**", "lib/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [APP_PATTERN] }] },
  },
  ...libBoundaries,
  // After libBoundaries: lib/query is a composition root there, but its hooks run in the browser.
  {
    files: ["components/**", "lib/query/hooks/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [APP_PATTERN, SERVER_ONLY_PATTERN] }] },
  },
  // One client data layer: components and hooks reach the API through requestJson
  // (lib/query/hooks/fetcher.ts), which checks every answer with its zod schema. A CSV download
  // is a plain link, not a fetch.
  {
    files: ["components/**", "lib/query/**"],
    ignores: ["lib/query/hooks/fetcher.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "Call the API through a hook in lib/query/hooks (requestJson), not fetch." },
      ],
      "no-restricted-properties": [
        "error",
        { object: "window", property: "fetch", message: "Use a hook in lib/query/hooks (requestJson)." },
        { object: "globalThis", property: "fetch", message: "Use a hook in lib/query/hooks (requestJson)." },
      ],
    },
  },
  // Components link through AppLink (prefetch on intent), and read and write through their
  // domain's hook module, never the request function itself (from the fetcher or the hooks
  // barrel; `.` in the pattern is the path's `/`).
  {
    files: ["components/**", "app/o/**"],
    ignores: ["components/app-link.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value='next/link']",
          message: "Use AppLink (components/app-link.tsx): it prefetches on intent, not on scroll into view.",
        },
        {
          selector:
            "ImportDeclaration[source.value=/^@.lib.query.hooks(.fetcher)?$/] ImportSpecifier[imported.name=/^(requestJson|fetchRead)$/]",
          message: "Components use a hook of lib/query/hooks/<domain>.ts; put the request there.",
        },
      ],
    },
  },
  {
    ignores: [
      ".next/**",
      "lib/generated/**",
      "packages/*/dist/**",
      "packages/python/.venv/**",
      "test/otlp/python/.venv/**",
      "node_modules/**",
      ".data/**",
    ],
  },
];

export default config;
