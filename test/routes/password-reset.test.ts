// An admin sends a one-time password link (/admin/brugere, intent reset_link, asked first); the user sets a new
// password on /nulstil/:token: once, before it expires, only the newest link; bad links 400/410 writing nothing;
// repeated bad links from one address are throttled like wrong passwords (429 with Retry-After).
import { describe, expect, it } from "vitest";
import { verifyPassword } from "#db/password";
import { getUserByEmail } from "#db/queries/users";
import * as admin from "~/routes/admin.brugere/route";
import * as reset from "~/routes/nulstil.$token/route";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { randomBytes } from "node:crypto";
import { LOGIN_THROTTLE } from "#workflows/login-throttle";
import { args, BASE, count, formRequest, get, outcome, sessionCookieForEmail } from "./helpers";

const EMAIL = "projektleder@susi.test";
const NEW = { newPassword: "et-helt-nyt-kodeord", repeatPassword: "et-helt-nyt-kodeord" };

async function sendLink(userId: number) {
  const cookie = await sessionCookieForEmail("admin@susi.test");
  const asked = await outcome(admin.action(args(formRequest(`${BASE}/admin/brugere`, { intent: "reset_link", userId: String(userId) }, cookie))));
  expect(asked.status).toBe(200);
  expect(asked.data.confirm).toMatchObject({ intent: "reset_link", userId });
  const done = await outcome(admin.action(args(formRequest(`${BASE}/admin/brugere`, { intent: "reset_link", userId: String(userId), confirmed: "yes" }, cookie))));
  expect(done.status).toBe(302);
  const mail = await db().selectFrom("outbox").select("payload").where("kind", "=", "password_reset").orderBy("id", "desc").executeTakeFirstOrThrow();
  return JSON.parse(mail.payload).token as string;
}

const open = (token: string) => outcome(reset.loader(args(get(`/nulstil/${token}`), { token })));
const post = (token: string, fields: Record<string, string>) => outcome(reset.action(args(formRequest(`${BASE}/nulstil/${token}`, fields), { token })));

describe("a one-time password link", () => {
  it("asks first, then queues the mail; the link sets the password once, ends the sessions and is history", async () => {
    const user = (await getUserByEmail(db(), EMAIL))!;
    const session = await sessionCookieForEmail(EMAIL);
    const outboxBefore = await count("outbox");
    const token = await sendLink(user.id);
    expect(await count("outbox")).toBe(outboxBefore + 1);
    expect(await db().selectFrom("password_resets").select("token_hash").execute()).not.toContainEqual({ token_hash: token });
    expect((await open(token)).data).toMatchObject({ state: "ok", email: EMAIL });

    const short = await post(token, { newPassword: "kort", repeatPassword: "kort" });
    expect(short.status).toBe(400);
    expect(await verifyPassword("demo-projektleder", (await getUserByEmail(db(), EMAIL))!.password_hash)).toBe(true);

    const done = await post(token, NEW);
    expect(done).toMatchObject({ status: 302, location: "/login" });
    expect(await verifyPassword(NEW.newPassword, (await getUserByEmail(db(), EMAIL))!.password_hash)).toBe(true);
    expect(await getUser(get("/", session))).toBeNull();
    expect(await db().selectFrom("history").select("action").where("action", "in", ["user.reset_link_sent", "user.password_reset"]).execute()).toHaveLength(2);

    const history = await count("history");
    expect((await open(token)).status).toBe(410);
    expect((await post(token, { newPassword: "noget-helt-tredje", repeatPassword: "noget-helt-tredje" })).status).toBe(410);
    expect(await count("history")).toBe(history);
  });

  it("a newer link voids the older; an unknown link is 400; an expired one 410", async () => {
    const user = (await getUserByEmail(db(), EMAIL))!;
    const first = await sendLink(user.id);
    const second = await sendLink(user.id);
    expect((await open(first)).data).toMatchObject({ state: "invalid", reason: "voided" });
    expect((await open("A".repeat(43))).status).toBe(400);
    expect((await open("kort")).status).toBe(400);
    await db().updateTable("password_resets").set({ expires_at: "2000-01-01T00:00:00.000Z" }).where("used_at", "is", null).where("voided_at", "is", null).execute();
    expect((await open(second)).data).toMatchObject({ state: "invalid", reason: "expired" });
    expect((await post(second, NEW)).status).toBe(410);
  });

  it("throttles POSTs from an address that sent too many bad links: 429 with Retry-After, even with a good link, writing nothing", async () => {
    const user = (await getUserByEmail(db(), EMAIL))!;
    const token = await sendLink(user.id);
    const from = (address: string, t: string, fields = NEW) =>
      outcome(reset.action({ request: formRequest(`${BASE}/nulstil/${t}`, fields), params: { token: t }, context: { clientAddress: address } }));
    const guess = () => randomBytes(32).toString("base64url");
    // Guessing: every wrong link is a 400 until the address's limit (the login throttle's) is reached.
    for (let i = 0; i < LOGIN_THROTTLE.addressLimit; i++) expect((await from("203.0.113.9", guess())).status).toBe(400);
    const before = { history: await count("history"), resets: await db().selectFrom("password_resets").select("used_at").where("used_at", "is not", null).execute() };
    for (const t of [guess(), token]) {
      const answer: any = await reset.action({ request: formRequest(`${BASE}/nulstil/${t}`, NEW), params: { token: t }, context: { clientAddress: "203.0.113.9" } });
      const refused = await outcome(Promise.resolve(answer));
      expect(refused.status).toBe(429);
      const retryAfter = Number(answer.init.headers["Retry-After"]);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(LOGIN_THROTTLE.windowMinutes * 60);
      expect(refused.data).toMatchObject({ state: "throttled", message: expect.stringMatching(/\S/) });
    }
    // The GET from there is throttled too; nothing was written, the password and the link are as they were.
    expect((await outcome(reset.loader({ request: get(`/nulstil/${token}`), params: { token }, context: { clientAddress: "203.0.113.9" } }))).status).toBe(429);
    expect(await count("history")).toBe(before.history);
    expect(await db().selectFrom("password_resets").select("used_at").where("used_at", "is not", null).execute()).toEqual(before.resets);
    expect(await verifyPassword("demo-projektleder", (await getUserByEmail(db(), EMAIL))!.password_hash)).toBe(true);
    // Another address is not held up: the user's own link works from there.
    expect(await from("198.51.100.4", token)).toMatchObject({ status: 302, location: "/login" });
  });
});
