// Login throttling by account and by address (429 with Retry-After, the right password refused during a lockout,
// an admin lifts it), the session idle timeout, and logins, failed logins and logouts in the history.
import { describe, expect, it, vi } from "vitest";
import { getUserByEmail } from "#db/queries/users";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as adminAction, loader as adminLoader } from "~/routes/admin.brugere/route";
import { getUser, sessionIdleMinutes } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { BASE, count, formRequest, get, outcome, sessionCookieFor } from "./helpers";

const ADDRESS = "203.0.113.9";

function attempt(email: string, password: string, address: string | null = ADDRESS) {
  return loginAction({ request: formRequest(`${BASE}/login`, { email, password }), params: {}, context: { clientAddress: address } });
}

async function historyOf(action: string) {
  return db().selectFrom("history").select(["actor_id", "entity_id", "after"]).where("action", "=", action).orderBy("id").execute();
}

describe("login throttling", () => {
  it("after 5 wrong passwords the account is locked: 429 with Retry-After, even for the right password", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    for (let i = 0; i < 5; i++) expect((await outcome(attempt("admin@susi.test", "forkert"))).status).toBe(400);
    const sessions = await count("sessions");
    const res: any = await attempt("admin@susi.test", "demo-admin");
    expect(res.init.status).toBe(429);
    expect(Number(res.init.headers["Retry-After"])).toBeGreaterThan(14 * 60);
    expect(res.data.error[""][0]).toMatch(/^For mange forkerte adgangskoder til denne konto\. Kontoen er spærret; prøv igen om 15 minutter/);
    expect(await count("sessions")).toBe(sessions);
    const admin = await getUserByEmail(db(), "admin@susi.test");
    const failed = await historyOf("auth.login_failed");
    expect(failed).toHaveLength(5);
    expect(failed[0]).toMatchObject({ actor_id: admin!.id, entity_id: admin!.id });
    expect(JSON.parse(failed[0].after!)).toEqual({ email: "admin@susi.test", address: ADDRESS });
  });

  it("locks an unknown email the same way, so a lockout does not tell which emails exist", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    for (let i = 0; i < 5; i++) expect((await outcome(attempt("ingen@susi.test", "x"))).status).toBe(400);
    expect((await outcome(attempt("ingen@susi.test", "x"))).status).toBe(429);
    const failed = await historyOf("auth.login_failed");
    expect(failed[0]).toMatchObject({ actor_id: null, entity_id: null });
  });

  it("throttles one address over many accounts, and other addresses not at all", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    for (let i = 0; i < 20; i++) expect((await outcome(attempt(`gaet${i}@susi.test`, "x"))).status).toBe(400);
    const res: any = await attempt("styregruppe@susi.test", "demo-styregruppe");
    expect(res.init.status).toBe(429);
    expect(res.data.error[""][0]).toMatch(/^For mange mislykkede logind fra din adresse/);
    expect((await outcome(attempt("styregruppe@susi.test", "demo-styregruppe", "198.51.100.1"))).status).toBe(302);
  });

  it("an admin sees the lockout and lifts it; then the right password logs in and the history says so", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    for (let i = 0; i < 5; i++) await attempt("videnskonsulent@susi.test", "forkert");
    expect((await outcome(attempt("videnskonsulent@susi.test", "demo-videnskonsulent"))).status).toBe(429);
    const cookie = await sessionCookieFor("admin");
    const listed = (await adminLoader({ request: get("/admin/brugere", cookie), params: {}, context: {} })).users;
    const target = listed.find((u) => u.email === "videnskonsulent@susi.test")!;
    expect(target.locked).toBe(true);
    expect(listed.filter((u) => u.locked)).toHaveLength(1);
    const lifted = await outcome(adminAction({ request: formRequest(`${BASE}/admin/brugere`, { intent: "unlock", userId: String(target.id) }, cookie), params: {}, context: {} }));
    expect(lifted.status).toBe(200);
    expect(lifted.data.notice).toEqual({ key: "admin.notice.unlocked", name: target.name });
    expect(await historyOf("user.unlocked")).toHaveLength(1);
    expect((await outcome(attempt("videnskonsulent@susi.test", "demo-videnskonsulent"))).status).toBe(302);
    expect((await historyOf("auth.login")).map((h) => h.entity_id)).toEqual([target.id]);
  });

  it("a successful login forgets the account's earlier failures", async () => {
    for (let i = 0; i < 4; i++) await attempt("admin@susi.test", "forkert");
    expect((await outcome(attempt("admin@susi.test", "demo-admin"))).status).toBe(302);
    for (let i = 0; i < 4; i++) expect((await outcome(attempt("admin@susi.test", "forkert"))).status).toBe(400);
    expect((await outcome(attempt("admin@susi.test", "demo-admin"))).status).toBe(302);
  });
});

describe("sessions", () => {
  it("a logout is written to the history", async () => {
    const login = (await attempt("admin@susi.test", "demo-admin")) as unknown as Response;
    const cookie = login.headers.get("Set-Cookie")!.split(";")[0];
    await logoutAction({ request: new Request(`${BASE}/logout`, { method: "POST", headers: { Cookie: cookie } }), params: {}, context: {} });
    const admin = await getUserByEmail(db(), "admin@susi.test");
    expect((await historyOf("auth.logout")).map((h) => h.actor_id)).toEqual([admin!.id]);
  });

  it("ends after SESSION_IDLE_MINUTES without a request, though its 14 days have not run out", async () => {
    expect(sessionIdleMinutes({})).toBe(60);
    expect(sessionIdleMinutes({ SESSION_IDLE_MINUTES: "15" })).toBe(15);
    expect(sessionIdleMinutes({ SESSION_IDLE_MINUTES: "nonsense" })).toBe(60);
    const cookie = await sessionCookieFor("program_manager");
    const id = cookie.split("=")[1];
    expect(await getUser(get("/", cookie))).not.toBeNull();
    const idle = new Date(Date.now() - 61 * 60_000).toISOString();
    await db().updateTable("sessions").set({ last_seen_at: idle }).where("id", "=", id).execute();
    expect(await getUser(get("/", cookie))).toBeNull();
  });

  it("a request keeps the session alive: its last use is written (at most once a minute)", async () => {
    const cookie = await sessionCookieFor("program_manager");
    const id = cookie.split("=")[1];
    const fiftyMinutesAgo = new Date(Date.now() - 50 * 60_000).toISOString();
    await db().updateTable("sessions").set({ last_seen_at: fiftyMinutesAgo }).where("id", "=", id).execute();
    expect(await getUser(get("/", cookie))).not.toBeNull();
    const row = await db().selectFrom("sessions").select("last_seen_at").where("id", "=", id).executeTakeFirstOrThrow();
    expect(Date.parse(row.last_seen_at!)).toBeGreaterThan(Date.now() - 60_000);
  });
});
