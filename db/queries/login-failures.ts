// Failed logins, counted by workflows/login-throttle.ts: per account (email, known or not) and per address.
import type { Executor } from "../client";

/** The times of the failures since `since` for this email and for this address (none for an unknown address). */
export async function recentLoginFailures(db: Executor, input: { email: string; address: string | null; since: string }) {
  const email = input.email.trim().toLowerCase();
  const account = await db.selectFrom("login_failures").select("at").where("email", "=", email).where("at", ">", input.since).execute();
  const address = input.address
    ? await db.selectFrom("login_failures").select("at").where("address", "=", input.address).where("at", ">", input.since).execute()
    : [];
  return { accountFailures: account.map((r) => r.at), addressFailures: address.map((r) => r.at) };
}

/** Records one failure, and forgets those older than a day (nothing counts them any more). */
export async function recordLoginFailure(db: Executor, input: { email: string; address: string | null; at: string }) {
  await db.insertInto("login_failures").values({ email: input.email.trim().toLowerCase(), address: input.address, at: input.at }).execute();
  const dayAgo = new Date(Date.parse(input.at) - 86_400_000).toISOString();
  await db.deleteFrom("login_failures").where("at", "<", dayAgo).execute();
}

/** Forgets an account's failures: after a successful login, or when an admin lifts its lockout. */
export async function clearLoginFailures(db: Executor, email: string) {
  await db.deleteFrom("login_failures").where("email", "=", email.trim().toLowerCase()).execute();
}

/** The failure times since `since` per email, for the admin's list of users. */
export async function loginFailuresByEmail(db: Executor, since: string): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom("login_failures").select(["email", "at"]).where("at", ">", since).execute();
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.email, [...(map.get(r.email) ?? []), r.at]);
  return map;
}
