// Global teardown of the PostgreSQL e2e run: drops the database playwright.postgres.config.ts named.
import { adminUrl, PgAdmin } from "../setup/postgres";

export default async function teardown() {
  const name = process.env.E2E_PG_DATABASE;
  if (!name) return;
  const admin = new PgAdmin(adminUrl());
  try {
    await admin.drop(name);
  } finally {
    await admin.end();
  }
}
