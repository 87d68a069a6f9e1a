import next from "eslint-config-next";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTypescript,
  // Test helpers such as useTestDatabase() register vitest hooks, not React hooks.
  { files: ["test/**/*.ts", "packages/*/test/**/*.ts"], rules: { "react-hooks/rules-of-hooks": "off" } },
  { ignores: [".next/**", "lib/generated/**", "packages/*/dist/**", "packages/python/.venv/**", "test/otlp/python/.venv/**", "node_modules/**", ".data/**"] },
];

export default config;
