// The README's two commands on an empty database, as a user runs them: `npm run db:migrate` then
// `npm run db:seed`, with DATABASE_PATH (SQLite, `npm test`) or DATABASE_URL (PostgreSQL, `npm run test:pg`).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { describeDialect } from "#db/dialect";
import { emptyDatabase, isPostgresRun, openDatabase } from "../setup/databases";

const run = promisify(execFile);

describe("npm run db:migrate && npm run db:seed on an empty database", () => {
  it("creates the schema and the 42 seeded initiatives, and migrating again changes nothing", { timeout: 180_000 }, async () => {
    const target = await emptyDatabase();
    try {
      // A stale variable in the parent must not decide which database the commands open.
      const env = { ...process.env, DATABASE_URL: "", DATABASE_PATH: "", ...target.env };
      const migrated = await run("npm", ["run", "-s", "db:migrate"], { env });
      expect(migrated.stdout).toContain("Applied migrations: 2026-11-23T0900_initial");
      await run("npm", ["run", "-s", "db:seed"], { env });
      expect((await run("npm", ["run", "-s", "db:migrate"], { env })).stdout).toContain("Database schema is up to date.");

      const db = openDatabase(target.target);
      try {
        expect(describeDialect(db)).toBe(isPostgresRun() ? "PostgreSQL" : "SQLite");
        const n = await db.selectFrom("initiatives").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
        expect(n.n).toBe(42);
        const users = await db.selectFrom("users").select("email").where("email", "=", "admin@susi.test").execute();
        expect(users).toHaveLength(1);
      } finally {
        await db.destroy();
      }
    } finally {
      await target.drop();
    }
  });
});
