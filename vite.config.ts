import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { CATALOG } from "./app/i18n/catalog";
import { i18nSplit } from "./scripts/vite-i18n-split";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  server: { port: 3000 },
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
    // The browser loads only the translations its modules use (DECISIONS 0113).
    i18nSplit({ root: import.meta.dirname, catalog: CATALOG }),
  ],
  // Dev server only: pre-bundle client libraries, keep native/server-only ones out.
  optimizeDeps: {
    include: ["@xyflow/react", "@conform-to/react", "@conform-to/zod/v4", "zod", "decimal.js"],
    exclude: ["better-sqlite3", "kysely"],
  },
});
