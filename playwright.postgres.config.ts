// The Playwright journeys once more, on PostgreSQL (npm run test:e2e:pg, part of validate): the same specs and
// server as playwright.config.ts, with DATABASE_URL pointing at a database of its own, made afresh on
// TEST_DATABASE_URL's server by test/e2e/prepare-db.ts and dropped at the end (test/e2e/drop-pg-database.ts).
// The specs arrange state through e2eDb(), which follows E2E_DATABASE_URL.
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";
import { adminUrl, databaseUrl } from "./test/setup/postgres";

// The runner loads this file first and its workers inherit its environment, so the name is chosen once.
process.env.E2E_PG_DATABASE ??= `susi_e2e_${process.pid}_${Date.now().toString(36)}`;
const url = databaseUrl(adminUrl(), process.env.E2E_PG_DATABASE);
process.env.E2E_DATABASE_URL = url;

const server = Array.isArray(base.webServer) ? base.webServer[0] : base.webServer!;

export default defineConfig({
  ...base,
  outputDir: "test-results/playwright-pg",
  globalTeardown: "./test/e2e/drop-pg-database.ts",
  webServer: { ...server, env: { ...server.env, DATABASE_URL: url } },
});
