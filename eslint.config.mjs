import next from "eslint-config-next";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTypescript,
  { ignores: [".next/**", "lib/generated/**", "packages/*/dist/**", "node_modules/**", ".data/**"] },
];

export default config;
