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
