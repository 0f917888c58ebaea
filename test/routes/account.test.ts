// A user's own password change: current password required, the new one twice, other sessions end, history.
import { describe, expect, it } from "vitest";
import { verifyPassword } from "#db/password";
import { getUserByEmail } from "#db/queries/users";
import { action, loader } from "~/routes/konto/route";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { args, BASE, count, formRequest, get, outcome, sessionCookieForEmail, thrown } from "./helpers";

const EMAIL = "programleder@susi.test";
const change = (fields: Record<string, string>, cookie?: string) => outcome(action(args(formRequest(`${BASE}/konto`, fields, cookie))));

describe("changing one's own password", () => {
  it("with the right current password: saved, this session kept, the others ended, a flash receipt, a history row", async () => {
    const here = await sessionCookieForEmail(EMAIL);
    const elsewhere = await sessionCookieForEmail(EMAIL);
    const other = await sessionCookieForEmail("admin@susi.test");
    expect((await loader(args(get("/konto", here)))).email).toBe(EMAIL);
    const res = await change({ currentPassword: "demo-programleder", newPassword: "et-helt-nyt-kodeord", repeatPassword: "et-helt-nyt-kodeord" }, here);
    expect(res.status).toBe(302);
    expect(res.location).toBe("/konto");
    expect(res.response!.headers.get("Set-Cookie")).toContain("susi_flash=");
    const row = await getUserByEmail(db(), EMAIL);
    expect(await verifyPassword("et-helt-nyt-kodeord", row!.password_hash)).toBe(true);
    expect(await getUser(get("/", here))).not.toBeNull();
    expect(await getUser(get("/", elsewhere))).toBeNull();
    expect(await getUser(get("/", other))).not.toBeNull();
    const history = await db().selectFrom("history").selectAll().where("action", "=", "user.password_changed").execute();
    expect(history).toMatchObject([{ actor_id: row!.id, entity: "user", entity_id: row!.id }]);
  });

  it.each([
    ["a wrong current password", { currentPassword: "forkert", newPassword: "et-helt-nyt-kodeord", repeatPassword: "et-helt-nyt-kodeord" }, "currentPassword", "account.error.currentWrong"],
    ["a too short new password", { currentPassword: "demo-programleder", newPassword: "kort", repeatPassword: "kort" }, "newPassword", "admin.error.passwordTooShort"],
    ["two different new passwords", { currentPassword: "demo-programleder", newPassword: "et-helt-nyt-kodeord", repeatPassword: "et-andet-nyt-kodeord" }, "repeatPassword", "account.error.repeatMismatch"],
    ["no current password", { newPassword: "et-helt-nyt-kodeord", repeatPassword: "et-helt-nyt-kodeord" }, "currentPassword", "account.error.currentRequired"],
  ])("refuses %s with 400 naming the field, nothing written", async (_what, fields, field, message) => {
    const cookie = await sessionCookieForEmail(EMAIL);
    const before = (await getUserByEmail(db(), EMAIL))!.password_hash;
    const sessions = await count("sessions");
    const res = await change(fields, cookie);
    expect(res.status).toBe(400);
    expect(res.data.error[field]).toEqual([message]);
    expect((await getUserByEmail(db(), EMAIL))!.password_hash).toBe(before);
    expect(await count("sessions")).toBe(sessions);
  });

  it("sends someone not logged in to the login page", async () => {
    const res = await thrown(action(args(formRequest(`${BASE}/konto`, { currentPassword: "x" }))));
    expect(res.status).toBe(302);
  });
});
