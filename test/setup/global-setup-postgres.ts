// The PostgreSQL run (vitest.postgres.config.ts): one migrated and seeded template database per run; every
// test copies it (setup-each.ts). At the end the run drops every database it made, even after a crash.
import { randomUUID } from "node:crypto";
import type { TestProject } from "vitest/node";
import { createDb } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { seedDatabase } from "../../db/seed";
import { adminUrl, databaseUrl, PgAdmin, runPrefix } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    pgPrefix: string;
  }
}

export default async function setup(project: TestProject) {
  const url = adminUrl();
  const prefix = runPrefix(randomUUID());
  const template = `${prefix}_template`;
  const admin = new PgAdmin(url);
  await admin.create(template);
  const db = createDb(databaseUrl(url, template));
  try {
    await migrateToLatest(db);
    await seedDatabase(db, { quiet: true });
    await (await import("../../db/seed-som")).seedSomExamples(db);
  } finally {
    // CREATE DATABASE … TEMPLATE refuses a template anyone is connected to.
    await db.destroy();
  }
  project.provide("pgAdminUrl", url);
  project.provide("pgTemplate", template);
  project.provide("pgPrefix", prefix);
  return async () => {
    for (const name of await admin.list(prefix)) await admin.drop(name);
    await admin.end();
  };
}
