// Seeds an empty database with the 42 real UIP initiatives of seed 004 (db/seed-data) and the demo users.
// Does nothing to a database that already holds initiatives or users.
import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import type { DB, Role } from "./schema";
import { hashPassword } from "./password";
import { createUser } from "./queries/users";
import { parseUipCsv } from "./import/parse";
import { importUipRowsInTransaction, type ImportReport } from "./import/write";

export interface DemoUser {
  email: string;
  password: string;
  name: string;
  role: Role;
}

/** Demo accounts for local use, tests and the README. Never seed these into a real installation. */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: "programleder@susi.test", password: "demo-programleder", name: "Pia Programleder", role: "program_manager" },
  { email: "projektleder@susi.test", password: "demo-projektleder", name: "Peter Projektleder", role: "program_manager" },
  { email: "styregruppe@susi.test", password: "demo-styregruppe", name: "Søren Styregruppe", role: "steering_group" },
  // Two more members so that quorum (a majority of the group's active members) means something: 2 of 3.
  { email: "styregruppe2@susi.test", password: "demo-styregruppe2", name: "Sigrid Sektionschef", role: "steering_group" },
  { email: "styregruppe3@susi.test", password: "demo-styregruppe3", name: "Svend Kontorchef", role: "steering_group" },
  { email: "videnskonsulent@susi.test", password: "demo-videnskonsulent", name: "Vibeke Videnskonsulent", role: "knowledge_staff" },
  { email: "redaktoer@susi.test", password: "demo-redaktoer", name: "Rasmus Redaktør", role: "knowledge_staff" },
  { email: "admin@susi.test", password: "demo-admin", name: "Anne Admin", role: "admin" },
  // An external evaluator: no register rights; reaches only assessments that name them as assessor.
  { email: "ekstern@susi.test", password: "demo-ekstern", name: "Eva Ekstern", role: "external" },
];

export const SEED_CSV_URL = new URL("./seed-data/uip-initiatives.csv", import.meta.url);

export type SeedResult =
  | { seeded: false; reason: "not_empty"; initiatives: number; users: number }
  | { seeded: true; import: ImportReport; users: { id: number; email: string; role: Role }[] };

async function counts(db: Kysely<DB>) {
  const i = await db.selectFrom("initiatives").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const u = await db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return { initiatives: Number(i.n), users: Number(u.n) };
}

/**
 * Demo owners (the source names none): the seeded initiatives alternate, in id order, between the two demo
 * program managers, so that each has a "Mine initiativer" page with something on it.
 */
async function assignDemoOwners(trx: Kysely<DB>, users: { id: number; role: Role }[]) {
  const managers = users.filter((u) => u.role === "program_manager").map((u) => u.id);
  if (!managers.length) return;
  const rows = await trx.selectFrom("initiatives").select("id").where("owner_id", "is", null).orderBy("id").execute();
  for (const [i, r] of rows.entries()) {
    await trx.updateTable("initiatives").set({ owner_id: managers[i % managers.length] }).where("id", "=", r.id).execute();
  }
}

/**
 * Seeds the database if it holds no initiatives and no users: imports the real UIP table and creates
 * the demo users, all in one transaction. Passwords are hashed before the transaction opens.
 */
export async function seedDatabase(
  db: Kysely<DB>,
  /** `log` hears the result (scripts/seed.ts words it; db/ holds no user-facing text); `quiet` leaves it out. */
  opts: { quiet?: boolean; log?: (result: SeedResult) => void } = {},
): Promise<SeedResult> {
  const log = (result: SeedResult) => {
    if (!opts.quiet) opts.log?.(result);
    return result;
  };

  const before = await counts(db);
  if (before.initiatives > 0 || before.users > 0) return log({ seeded: false, reason: "not_empty", ...before });

  const parsed = parseUipCsv(readFileSync(SEED_CSV_URL, "utf8"));
  if (!parsed.ok) {
    throw new Error(`The seed file ${SEED_CSV_URL.pathname} is invalid:\n${parsed.errors.map((e) => `line ${e.line}, ${e.column ?? "file"}: ${e.code} ${JSON.stringify(e.params)}`).join("\n")}`);
  }
  const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
  const now = new Date().toISOString();

  const result = await db.transaction().execute(async (trx): Promise<SeedResult> => {
    // Checked again inside the transaction in case another process seeded meanwhile.
    const again = await counts(trx);
    if (again.initiatives > 0 || again.users > 0) return { seeded: false, reason: "not_empty", ...again };
    const users = [];
    for (const [i, u] of DEMO_USERS.entries()) {
      const id = await createUser(trx, { email: u.email, name: u.name, role: u.role, passwordHash: hashes[i], now });
      users.push({ id, email: u.email, role: u.role });
    }
    const report = await importUipRowsInTransaction(trx, parsed.rows, null, now);
    await assignDemoOwners(trx, users);
    return { seeded: true, import: report, users };
  });
  return log(result);
}
