// The PostgreSQL run of the database, route and workflow suites (npm run test:pg, part of validate):
// TEST_DATABASE_URL names the server; each test gets its own database (test/setup/global-setup-postgres.ts).
// The SQLite global setup runs too, only for the scratch folder some tests write files into.
import { defineConfig } from "vitest/config";
import base from "./vitest.config";

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["test/db/**/*.test.ts", "test/routes/**/*.test.ts", "test/routes/**/*.test.tsx", "test/workflows/**/*.test.ts"],
    globalSetup: ["test/setup/global-setup.ts", "test/setup/global-setup-postgres.ts"],
  },
});
