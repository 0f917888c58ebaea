import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "public/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    // Plain Node scripts (the production server).
    files: ["**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    // The SØM engine is pure too: it runs on the server, in the browser and in a Web Worker.
    files: ["app/som/engine.ts", "app/som/montecarlo.ts", "app/som/schema.ts", "app/som/npi.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["~/*", "#db/*", "node:*", "@remix-run/*", "react", "kysely"] }],
    },
  },
  {
    // The phase model stays pure: no imports from the app, the database or frameworks.
    files: ["workflows/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["~/*", "#db/*", "../app/*", "../db/*", "@remix-run/*", "react", "kysely"] }],
    },
  },
  {
    files: ["db/migrations/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["~/*", "#db/*", "#workflows/*", "../*"] }],
    },
  },
);
