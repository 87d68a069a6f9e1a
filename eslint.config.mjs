import next from "eslint-config-next";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTypescript,
  // Test helpers such as useTestDatabase() register vitest hooks, not React hooks.
  { files: ["test/**/*.ts", "packages/*/test/**/*.ts"], rules: { "react-hooks/rules-of-hooks": "off" } },
  // Imports run downward (app -> components -> lib); lib/calendar and lib/money sit at the bottom.
  {
    files: ["components/**", "lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*"],
              message:
                "app/ imports components and lib, never the reverse: put shared code (server actions too) in lib/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/calendar/**", "lib/money/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/*", "@/components/*", "@/app/*"],
              message: "lib/calendar and lib/money import nothing else from the project.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/pricing/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
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
                "!@/lib/rollups",
                "!@/lib/rollups/*",
                "!@/lib/api",
                "!@/lib/api/*",
                "@/components/*",
                "@/app/*",
              ],
              message:
                "lib/pricing sits under ingestion, analytics and margins: it imports only calendar, money, db, errors, rollups and api helpers.",
            },
          ],
        },
      ],
    },
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
  // Components read and write through their domain's hook module, never the request function
  // itself (from the fetcher or the hooks barrel; `.` in the pattern is the path's `/`).
  {
    files: ["components/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
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
