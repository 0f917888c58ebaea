// Playwright drives Debian's Chromium (never a downloaded browser) against the production build,
// served on its own loopback port with its own freshly seeded database. One worker: the journeys share it.
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATABASE = "test-results/e2e/e2e.db";
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);

export default defineConfig({
  testDir: "test/e2e",
  // Playwright empties its output folder at start; its own subfolder keeps the e2e and vitest databases safe.
  outputDir: "test-results/playwright",
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "da-DK",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium",
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `npm run build && npx tsx test/e2e/prepare-db.ts && node server.js`,
    url: `http://127.0.0.1:${PORT}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: {
      PORT: String(PORT), HOST: "127.0.0.1", DATABASE_PATH: E2E_DATABASE, NODE_ENV: "production",
      // Mail goes to the SMTP sink test/e2e/subscriptions.spec.ts starts; the outbox worker polls twice a second.
      SMTP_HOST: "127.0.0.1", SMTP_PORT: String(E2E_SMTP_PORT), MAIL_FROM: "SUSI Tracker <noreply@susi.test>",
      PUBLIC_BASE_URL: `http://127.0.0.1:${PORT}`, OUTBOX_INTERVAL_MS: "500",
    },
    stdout: "ignore",
    stderr: "pipe",
  },
});
