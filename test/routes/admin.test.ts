// User administration: called with real form Requests against a seeded database.
import { describe, expect, it } from "vitest";
import { verifyPassword } from "#db/password";
import { getUserByEmail } from "#db/queries/users";
import type { Role } from "#db/schema";
import { DEMO_USERS } from "#db/seed";
import { action, loader } from "~/routes/admin.brugere/route";
import { getUser } from "~/utils/auth.server";
import type { Executor } from "#db/client";
import { databaseTarget, db } from "~/utils/db.server";
import { isPostgresRun, openDatabase, untilBlocked } from "../setup/databases";
import { args, BASE, count, formRequest, get, sessionCookieFor, sessionCookieForEmail, statusOf, thrown } from "./helpers";
import { can, hasRole } from "~/utils/permissions";
import { ROLE_HOME, roleHome } from "~/utils/role-home";

const PATH = "/admin/brugere";
const URL = BASE + PATH;

const NEW_USER = { intent: "create", name: "Nina Ny", email: "nina@susi.test", role: "knowledge_staff", password: "en-lang-adgangskode" };

async function snapshot() {
  const users = await db().selectFrom("users").select(["id", "email", "name", "role", "active", "password_hash"]).orderBy("id").execute();
  return { users, history: await count("history") };
}

async function userId(email: string) {
  return (await getUserByEmail(db(), email))!.id;
}

async function post(fields: Record<string, string>, role: Role = "admin") {
  const result: any = await action(args(formRequest(URL, fields, await sessionCookieFor(role))));
  return { status: statusOf(result), data: result.data };
}

describe("user administration: access", () => {
  it("lists every user with name, email, role and active flag for an admin", async () => {
    const result = await loader(args(get(PATH, await sessionCookieFor("admin"))));
    expect(result.users).toHaveLength(DEMO_USERS.length);
    expect(result.users).toContainEqual(expect.objectContaining({ email: "admin@susi.test", name: "Anne Admin", role: "admin", active: 1 }));
    expect(result.currentUserId).toBe(await userId("admin@susi.test"));
  });

  it.each<Role>(["program_manager", "steering_group", "knowledge_staff"])("refuses a %s with 403 and writes nothing", async (role) => {
    const cookie = await sessionCookieFor(role);
    expect(await thrown(loader(args(get(PATH, cookie))))).toMatchObject({ init: { status: 403 } });
    const before = await snapshot();
    const target = String(await userId("styregruppe@susi.test"));
    const attempts: Record<string, string>[] = [NEW_USER, { intent: "role", userId: target, roles: "admin" }, { intent: "deactivate", userId: target }];
    for (const fields of attempts) {
      expect(await thrown(action(args(formRequest(URL, fields, cookie))))).toMatchObject({ init: { status: 403 } });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("sends someone not logged in to the login page", async () => {
    const before = await snapshot();
    for (const call of [loader(args(get(PATH))), action(args(formRequest(URL, NEW_USER)))]) {
      const response = await thrown(call);
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fbrugere");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("answers an unknown intent with 400", async () => {
    const cookie = await sessionCookieFor("admin");
    expect(await thrown(action(args(formRequest(URL, { intent: "delete" }, cookie))))).toMatchObject({ init: { status: 400 } });
  });
});

describe("user administration: create", () => {
  it("creates a user who can then log in, hashing the password and recording who did it", async () => {
    const before = await snapshot();
    const { status, data } = await post({ ...NEW_USER, email: "  Nina@SUSI.test " });
    expect(status).toBe(200);
    expect(data.notice).toEqual({ key: "admin.notice.created", name: "Nina Ny" });
    const created = await getUserByEmail(db(), "nina@susi.test");
    expect(created).toMatchObject({ name: "Nina Ny", role: "knowledge_staff", active: 1, email: "nina@susi.test" });
    expect(created!.password_hash).not.toContain(NEW_USER.password);
    expect(await verifyPassword(NEW_USER.password, created!.password_hash)).toBe(true);
    const after = await snapshot();
    expect(after.users).toHaveLength(before.users.length + 1);
    expect(after.history).toBe(before.history + 1);
  });

  it.each([
    ["an email already in use (any case)", { email: "ADMIN@susi.test" }, "email", "admin.error.emailTaken"],
    ["an invalid email", { email: "ikke-en-mail" }, "email", "error.invalidEmail"],
    ["an unknown role", { role: "superuser" }, "role", "admin.error.role"],
    ["a missing role", { role: "" }, "role", "admin.error.role"],
    ["a password under 12 characters", { password: "kort-kode11" }, "password", "admin.error.passwordTooShort"],
    ["a missing name", { name: "   " }, "name", "error.required"],
  ])("refuses %s with 400 on that field and writes nothing", async (_label, override, field, message) => {
    const before = await snapshot();
    const { status, data } = await post({ ...NEW_USER, ...override });
    expect(status).toBe(400);
    expect(data.result.error[field]).toEqual([message]);
    expect(data.result.initialValue?.password).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  });
});

describe("user administration: role and access", () => {
  it("changes another user's role, which takes effect in their current session", async () => {
    const cookie = await sessionCookieFor("steering_group");
    const id = await userId("styregruppe@susi.test");
    const before = await snapshot();
    const { status, data } = await post({ intent: "role", userId: String(id), roles: "program_manager" });
    expect(status).toBe(200);
    expect(data.notice).toEqual({ key: "admin.notice.rolesChanged", name: "Søren Styregruppe", roles: "Programleder" });
    expect((await getUser(get(PATH, cookie)))?.role).toBe("program_manager");
    expect((await snapshot()).history).toBe(before.history + 1);
  });

  it("gives a program manager the steering group's role too: both roles' permissions, their own home, one history row", async () => {
    const cookie = await sessionCookieFor("program_manager");
    const id = await userId("programleder@susi.test");
    const body = new URLSearchParams([["intent", "role"], ["userId", String(id)], ["roles", "steering_group"], ["roles", "program_manager"]]);
    const headers = { "Content-Type": "application/x-www-form-urlencoded", Cookie: await sessionCookieFor("admin") };
    const result: any = await action(args(new Request(URL, { method: "POST", headers, body })));
    expect(statusOf(result)).toBe(200);
    expect(result.data.notice).toEqual({ key: "admin.notice.rolesChanged", name: "Pia Programleder", roles: "Programleder, Styregruppe" });
    const user = (await getUser(get("/", cookie)))!;
    expect(user).toMatchObject({ role: "program_manager", roles: ["program_manager", "steering_group"] });
    expect(can(user, "decision.create") && can(user, "initiative.edit") && hasRole(user, "steering_group")).toBe(true);
    expect(can(user, "users.manage")).toBe(false);
    expect(roleHome(user)).toBe("/mine-initiativer");
    expect(roleHome({ roles: ["steering_group", "admin"] })).toBe(ROLE_HOME.steering_group);
    const listed = (await loader(args(get(PATH, await sessionCookieFor("admin"))))).users.find((u) => u.id === id);
    expect(listed?.roles).toEqual(["program_manager", "steering_group"]);
    const history = await db().selectFrom("history").select(["before", "after"]).where("action", "=", "user.role_changed").execute();
    expect(history.map((h) => [JSON.parse(h.before!), JSON.parse(h.after!)])).toEqual([[{ roles: ["program_manager"] }, { roles: ["program_manager", "steering_group"] }]]);
    // Saving the same roles again changes nothing and writes nothing.
    const written = await count("history");
    await action(args(new Request(URL, { method: "POST", headers, body })));
    expect(await count("history")).toBe(written);
  });

  it("refuses an unknown role with 400 naming role", async () => {
    const id = String(await userId("styregruppe@susi.test"));
    const before = await snapshot();
    const { status, data } = await post({ intent: "role", userId: id, roles: "king" });
    expect(status).toBe(400);
    expect(data.result.error["roles[0]"]).toEqual(["admin.error.role"]);
    const none = await post({ intent: "role", userId: id });
    expect(none.status).toBe(400);
    expect(none.data.result.error.roles).toEqual(["admin.error.roleRequired"]);
    expect(await snapshot()).toEqual(before);
  });

  it("answers a user id that does not exist with 404 and a malformed one with 400", async () => {
    const before = await snapshot();
    const cookie = await sessionCookieFor("admin");
    expect(await thrown(action(args(formRequest(URL, { intent: "deactivate", userId: "99999" }, cookie))))).toMatchObject({ init: { status: 404 } });
    const { status, data } = await post({ intent: "deactivate", userId: "abc" });
    expect(status).toBe(400);
    expect(data.result.error.userId).toEqual(["admin.error.user"]);
    expect(await snapshot()).toEqual(before);
  });

  it("does not let an admin remove their own admin role", async () => {
    const id = String(await userId("admin@susi.test"));
    const before = await snapshot();
    const { status, data } = await post({ intent: "role", userId: id, roles: "program_manager" });
    expect(status).toBe(400);
    expect(data.result.error[""]).toEqual(["Du kan ikke fjerne din egen administratorrolle. Bed en anden administrator om det."]);
    expect(await snapshot()).toEqual(before);
  });

  it("does not let an admin deactivate themselves", async () => {
    const id = String(await userId("admin@susi.test"));
    const before = await snapshot();
    const { status, data } = await post({ intent: "deactivate", userId: id });
    expect(status).toBe(400);
    expect(data.result.error[""]).toEqual(["Du kan ikke deaktivere dig selv. Bed en anden administrator om det."]);
    expect(await snapshot()).toEqual(before);
  });

  it("deactivates a user after a confirmation, ending their session at once, with a flash receipt; reactivates them", async () => {
    const cookie = await sessionCookieFor("program_manager");
    const id = String(await userId("programleder@susi.test"));
    const before = await snapshot();
    // First submit: the question, with the fields to post again; nothing written.
    const asked = await post({ intent: "deactivate", userId: id });
    expect(asked.status).toBe(200);
    expect(asked.data.confirm).toEqual({ intent: "deactivate", userId: Number(id), name: "Pia Programleder", fields: [["intent", "deactivate"], ["userId", id]] });
    expect(await snapshot()).toEqual(before);
    expect(await getUser(get(PATH, cookie))).not.toBeNull();

    const done = (await action(args(formRequest(URL, { intent: "deactivate", userId: id, confirmed: "yes" }, await sessionCookieFor("admin"))))) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(PATH);
    expect(done.headers.get("Set-Cookie")).toContain("susi_flash=");
    expect((await getUserByEmail(db(), "programleder@susi.test"))?.active).toBe(0);
    expect(await getUser(get(PATH, cookie))).toBeNull();

    const reactivated = await post({ intent: "reactivate", userId: id });
    expect(reactivated.status).toBe(200);
    expect((await getUserByEmail(db(), "programleder@susi.test"))?.active).toBe(1);
  });

  it("refuses a change from an admin who was demoted after their request was authorised", async () => {
    const cookie = await sessionCookieFor("admin");
    const otherAdmin = String(await userId("styregruppe@susi.test"));
    await db().updateTable("users").set({ role: "admin" }).where("id", "=", Number(otherAdmin)).execute();
    const request = formRequest(URL, { intent: "role", userId: otherAdmin, roles: "steering_group" }, cookie);
    const demote = (d: Executor) => d.updateTable("users").set({ role: "program_manager" }).where("email", "=", "admin@susi.test").execute();
    let outcome: unknown;
    if (isPostgresRun()) {
      // Another connection demotes the admin and holds the row: the action's permission check (before its
      // transaction) still reads an admin, its transaction then waits for the row and must see the demotion.
      const other = openDatabase(databaseTarget()!);
      try {
        let commit!: () => void;
        const held = new Promise<void>((r) => (commit = r));
        let locked!: () => void;
        const isLocked = new Promise<void>((r) => (locked = r));
        const demotion = other.transaction().execute(async (trx) => { await demote(trx); locked(); await held; });
        await isLocked;
        const pending = action(args(request)).then((r) => r, (e) => e);
        await untilBlocked(db());
        commit();
        await demotion;
        outcome = await pending;
      } finally {
        await other.destroy();
      }
    } else {
      const pending = action(args(request));
      // Queued behind the action's session lookup on the one SQLite connection, so the demotion lands after
      // the permission check and before the transaction: only the re-check inside the transaction sees it.
      await demote(db());
      outcome = await pending.then((r) => r, (e) => e);
    }
    expect(outcome).toMatchObject({ init: { status: 403 } });
    expect((await getUserByEmail(db(), "styregruppe@susi.test"))?.role).toBe("admin");
  });

  it("two admins demoting each other at the same moment leave one admin", async () => {
    // On PostgreSQL both run at once on their own connections; each must not decide on the other's old role.
    const a = await userId("admin@susi.test");
    const b = await userId("styregruppe@susi.test");
    await db().updateTable("users").set({ role: "admin" }).where("id", "=", b).execute();
    const cookieA = await sessionCookieFor("admin");
    const cookieB = await sessionCookieForEmail("styregruppe@susi.test");
    const outcomes = await Promise.all([
      action(args(formRequest(URL, { intent: "role", userId: String(b), roles: "steering_group" }, cookieA))).then(statusOf, statusOf),
      action(args(formRequest(URL, { intent: "role", userId: String(a), roles: "steering_group" }, cookieB))).then(statusOf, statusOf),
    ]);
    expect(outcomes.sort()).toEqual([200, 403]);
    const roles = await db().selectFrom("users").select("role").where("id", "in", [a, b]).execute();
    expect(roles.filter((r) => r.role === "admin")).toHaveLength(1);
  });
});
