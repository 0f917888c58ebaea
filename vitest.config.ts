// Vitest runs without the Remix plugin; Playwright specs (test/e2e) are excluded.
import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    exclude: ["test/e2e/**", "node_modules/**"],
    globalSetup: ["test/setup/global-setup.ts"],
    setupFiles: ["test/setup/setup-each.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 20_000,
    // Feeds and mails link to PUBLIC_BASE_URL only; the route tests address their Requests to http://localhost.
    env: { PUBLIC_BASE_URL: "http://localhost" },
  },
});
