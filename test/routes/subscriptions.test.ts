// Subscribing, confirming and unsubscribing through the route loaders and actions, with real Requests.
import { describe, expect, it } from "vitest";
import { hashToken, newToken } from "~/mail/tokens.server";
import { action as subscribe, loader as form } from "~/routes/viden.abonnement._index/route";
import { action as confirm, loader as confirmPage } from "~/routes/viden.abonnement.bekraeft.$token";
import { action as unsubscribe, loader as unsubscribePage } from "~/routes/viden.abonnement.afmeld.$token";
import { loader as overview } from "~/routes/viden.abonnement.oversigt";
import { enqueueReleaseNotices } from "#db/queries/outbox";
import { eraseEndedSubscribers } from "#db/queries/subscriptions";
import { db } from "~/utils/db.server";
import { args, BASE, count, get, sessionCookieFor, thrown } from "./helpers";

const PATH = "/viden/abonnement";
const URL = BASE + PATH;

const VALID = { email: "Kontakt@Aarhus.dk ", kind: "municipality", municipality: "751", areas: "adults", topics: "hjemløshed, Recovery", frequency: "immediate" };

function post(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return subscribe(args(new Request(URL, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body })));
}

async function counts() {
  return { subscribers: await count("subscribers"), topics: await count("subscriber_topics"), outbox: await count("outbox"), history: await count("history") };
}

/** Subscribes with the form and returns the plain confirmation token from the queued mail. */
async function subscribed(fields: Record<string, string | string[]> = VALID): Promise<string> {
  const res = (await post(fields)) as Response;
  expect(res.status).toBe(302);
  const row = await db().selectFrom("outbox").select("payload").where("kind", "=", "confirm").orderBy("id", "desc").executeTakeFirstOrThrow();
  return JSON.parse(row.payload).confirmToken;
}

const confirmRequest = (token: string, method = "GET") => args(new Request(`${URL}/bekraeft/${token}`, { method }), { token });

/** Gives the subscription's confirmation mail an unsubscribe token, as rendering it for sending does. */
async function unsubscribeTokenFor(email: string): Promise<string> {
  const token = newToken();
  const s = await db().selectFrom("subscribers").select("id").where("email", "=", email).orderBy("id", "desc").executeTakeFirstOrThrow();
  await db().updateTable("outbox").set({ unsubscribe_token_hash: hashToken(token) }).where("subscriber_id", "=", s.id).execute();
  return token;
}

const status = async (email: string) =>
  (await db().selectFrom("subscribers").select("status").where("email", "=", email).orderBy("id", "desc").executeTakeFirstOrThrow()).status;

describe("subscription form", () => {
  it("offers the 98 municipalities by name", async () => {
    const { municipalities } = await form({ request: new Request("http://localhost/viden/abonnement"), params: {}, context: {} });
    expect(municipalities).toHaveLength(98);
    expect(municipalities[0]).toEqual({ value: "165", label: "Albertslund" });
    expect(municipalities).toContainEqual({ value: "101", label: "København" });
  });

  it.each([
    ["an invalid email", { email: "ikke-en-adresse" }, "email", "error.invalidEmail"],
    ["no email", { email: "" }, "email", "error.required"],
    ["an unknown municipality code", { municipality: "999" }, "municipality", "subscriptions.error.municipality"],
    ["no municipality", { municipality: "" }, "municipality", "subscriptions.error.municipality"],
    ["neither area nor topic", { areas: [], topics: " , " }, "areas", "subscriptions.error.nothingChosen"],
    ["an unknown area", { areas: "elderly" }, "areas[0]", "error.invalidChoice"],
    ["an invalid frequency", { frequency: "daily" }, "frequency", "subscriptions.error.frequency"],
    ["a topic longer than a release's", { topics: "x".repeat(81) }, "topics", "subscriptions.error.topicTooLong"],
  ])("refuses %s with 400 naming the field, and writes nothing", async (_what, change, field, message) => {
    const before = await counts();
    const result: any = await post({ ...VALID, ...change });
    expect(result.init.status).toBe(400);
    expect(result.data.error[field]).toEqual([message]);
    expect(await counts()).toEqual(before);
  });

  it("names every problem of an empty form at once, not one per submission", async () => {
    const result: any = await post({});
    expect(result.init.status).toBe(400);
    expect(result.data.error).toEqual({
      email: ["error.required"], kind: ["subscriptions.error.kind"],
      areas: ["subscriptions.error.nothingChosen"], frequency: ["subscriptions.error.frequency"],
    });
  });

  it("stores a pending subscription and queues exactly one mail: the confirmation", async () => {
    const before = await counts();
    const res = (await post(VALID)) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/viden/abonnement/tak");

    const s = await db().selectFrom("subscribers").selectAll().executeTakeFirstOrThrow();
    expect(s).toMatchObject({ email: "kontakt@aarhus.dk", municipality_code: "751", follows_adults: 1, follows_children: 0, frequency: "immediate", status: "pending" });
    const topics = await db().selectFrom("subscriber_topics").select(["topic_key", "label"]).orderBy("topic_key").execute();
    expect(topics).toEqual([{ topic_key: "hjemløshed", label: "hjemløshed" }, { topic_key: "recovery", label: "Recovery" }]);

    const mails = await db().selectFrom("outbox").selectAll().execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: "confirm", recipient: "kontakt@aarhus.dk", subscriber_id: s.id, status: "pending" });
    const token = JSON.parse(mails[0].payload).confirmToken;
    expect(s.confirm_token_hash).toBe(hashToken(token));
    expect(s.confirm_token_hash).not.toContain(token);

    const history = await db().selectFrom("history").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(history).toMatchObject({ action: "subscription.requested", entity: "subscriber", entity_id: s.id });
    expect(history.after).not.toContain("aarhus.dk");
    expect((await counts()).history).toBe(before.history + 1);
  });

  it("sends one address at most three confirmation mails a day, and answers the same either way", async () => {
    for (let i = 0; i < 4; i++) expect(((await post(VALID)) as Response).headers.get("Location")).toBe("/viden/abonnement/tak");
    expect((await counts()).outbox).toBe(3);
  });
});

describe("confirmation link", () => {
  it("shows what will be confirmed without confirming it; the button confirms", async () => {
    const token = await subscribed();
    const page = await confirmPage(confirmRequest(token));
    expect(page).toMatchObject({
      confirmed: false, email: "kontakt@aarhus.dk",
      subscription: { municipality: "Aarhus", areas: ["adults"], topics: ["hjemløshed", "Recovery"], frequency: "immediate" },
    });
    expect(await status("kontakt@aarhus.dk")).toBe("pending");

    const res = (await confirm(confirmRequest(token, "POST"))) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/viden/abonnement/bekraeft/${token}`);
    expect(await status("kontakt@aarhus.dk")).toBe("confirmed");
    expect(await confirmPage(confirmRequest(token))).toMatchObject({ confirmed: true });
    // Using the link again changes nothing and is no error.
    expect(((await confirm(confirmRequest(token, "POST"))) as Response).status).toBe(302);
  });

  it("a confirmed subscriber is notified of a matching release", async () => {
    await confirm(confirmRequest(await subscribed(), "POST"));
    const queued = await db().transaction().execute((trx) =>
      enqueueReleaseNotices(trx, { id: 9, title: "T", summary: "S", areas: ["children"], topics: ["HJEMLØSHED"], edition: 1, url: "/viden/t" }, new Date().toISOString()),
    );
    expect(queued).toBe(1);
  });

  it("confirming a new subscription for the same address replaces the old one", async () => {
    const first = await subscribed();
    await confirm(confirmRequest(first, "POST"));
    const second = await subscribed({ ...VALID, areas: "children", frequency: "weekly" });
    await confirm(confirmRequest(second, "POST"));
    const rows = await db().selectFrom("subscribers").select(["status", "ended_reason", "frequency"]).orderBy("id").execute();
    expect(rows).toEqual([
      { status: "unsubscribed", ended_reason: "replaced", frequency: "immediate" },
      { status: "confirmed", ended_reason: null, frequency: "weekly" },
    ]);
    // The replaced subscription's link no longer works.
    expect(await thrown(confirmPage(confirmRequest(first)))).toMatchObject({ init: { status: 404 } });
  });

  it.each([
    ["malformed", "abc"],
    ["well-formed but unknown", newToken()],
  ])("answers a %s token with 404 and changes nothing", async (_what, token) => {
    await subscribed();
    expect(await thrown(confirmPage(confirmRequest(token)))).toMatchObject({ init: { status: 404 } });
    expect(await thrown(confirm(confirmRequest(token, "POST")))).toMatchObject({ init: { status: 404 } });
    expect(await status("kontakt@aarhus.dk")).toBe("pending");
  });

  it("a link older than seven days no longer confirms", async () => {
    const token = await subscribed();
    await db().updateTable("subscribers").set({ created_at: new Date(Date.now() - 8 * 86_400_000).toISOString() }).execute();
    expect(await thrown(confirmPage(confirmRequest(token)))).toMatchObject({ init: { status: 404 } });
    expect(await thrown(confirm(confirmRequest(token, "POST")))).toMatchObject({ init: { status: 404 } });
    expect(await status("kontakt@aarhus.dk")).toBe("pending");
  });
});

describe("unsubscribe link", () => {
  const unsubscribeRequest = (token: string, init: RequestInit = {}) => args(new Request(`${URL}/afmeld/${token}`, init), { token });

  it("GET shows a button and unsubscribes nobody; the button's POST unsubscribes", async () => {
    await confirm(confirmRequest(await subscribed(), "POST"));
    const token = await unsubscribeTokenFor("kontakt@aarhus.dk");

    expect(await unsubscribePage(unsubscribeRequest(token))).toEqual({ unsubscribed: false, email: "kontakt@aarhus.dk" });
    expect(await status("kontakt@aarhus.dk")).toBe("confirmed");

    expect(await unsubscribe(unsubscribeRequest(token, { method: "POST" }))).toEqual({ unsubscribed: true });
    expect(await status("kontakt@aarhus.dk")).toBe("unsubscribed");
    expect(await unsubscribePage(unsubscribeRequest(token))).toEqual({ unsubscribed: true, email: "kontakt@aarhus.dk" });
    const history = await db().selectFrom("history").select("action").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(history.action).toBe("subscription.unsubscribed");
  });

  it("accepts the RFC 8058 one-click POST a mail program sends (no cookie, no page) and is idempotent", async () => {
    await confirm(confirmRequest(await subscribed(), "POST"));
    const token = await unsubscribeTokenFor("kontakt@aarhus.dk");
    const oneClick = () => unsubscribe(unsubscribeRequest(token, {
      method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click",
    }));
    expect(await oneClick()).toEqual({ unsubscribed: true });
    expect(await oneClick()).toEqual({ unsubscribed: true });
    expect(await status("kontakt@aarhus.dk")).toBe("unsubscribed");
    const actions = await db().selectFrom("history").select("action").where("action", "=", "subscription.unsubscribed").execute();
    expect(actions).toHaveLength(1);
  });

  it("unsubscribing before confirming cancels the request and kills the confirmation link", async () => {
    const confirmToken = await subscribed();
    const token = await unsubscribeTokenFor("kontakt@aarhus.dk");
    await unsubscribe(unsubscribeRequest(token, { method: "POST" }));
    expect(await thrown(confirm(confirmRequest(confirmToken, "POST")))).toMatchObject({ init: { status: 404 } });
    expect(await status("kontakt@aarhus.dk")).toBe("unsubscribed");
  });

  it("erases the address 30 days after the unsubscribe, as the privacy notice says, and not a moment before", async () => {
    await confirm(confirmRequest(await subscribed({ ...VALID, email: "bliver@aarhus.dk" }), "POST"));
    await confirm(confirmRequest(await subscribed(), "POST"));
    const token = await unsubscribeTokenFor("kontakt@aarhus.dk");
    expect(await unsubscribe(unsubscribeRequest(token, { method: "POST" }))).toEqual({ unsubscribed: true });
    const left = await db().selectFrom("subscribers").select(["id", "unsubscribed_at"]).where("email", "=", "kontakt@aarhus.dk").executeTakeFirstOrThrow();
    const at = (ms: number) => new Date(Date.parse(left.unsubscribed_at!) + ms).toISOString();
    const DAY = 24 * 3_600_000;

    // The time comes in as an argument: the worker's pass at that moment.
    expect(await eraseEndedSubscribers(db(), at(30 * DAY - 1000))).toBe(0);
    expect(await db().selectFrom("subscribers").select("email").where("id", "=", left.id).executeTakeFirstOrThrow()).toEqual({ email: "kontakt@aarhus.dk" });
    expect(await eraseEndedSubscribers(db(), at(30 * DAY))).toBe(1);
    expect(await db().selectFrom("subscribers").select(["email", "erased_at"]).where("id", "=", left.id).executeTakeFirstOrThrow())
      .toEqual({ email: "", erased_at: at(30 * DAY) });
    expect(await db().selectFrom("subscribers").selectAll().where("email", "like", "%kontakt%").execute()).toEqual([]);
    expect(await db().selectFrom("outbox").select("recipient").where("recipient", "like", "%kontakt%").execute()).toEqual([]);
    // The one who stayed is kept; the old link still answers, without the address it no longer has.
    expect(await status("bliver@aarhus.dk")).toBe("confirmed");
    expect(await unsubscribePage(unsubscribeRequest(token))).toEqual({ unsubscribed: true, email: "" });
    expect(await unsubscribe(unsubscribeRequest(token, { method: "POST" }))).toEqual({ unsubscribed: true });
    expect(await db().selectFrom("subscribers").select("email").where("id", "=", left.id).executeTakeFirstOrThrow()).toEqual({ email: "" });
  });

  it.each([["malformed", "x"], ["unknown", newToken()]])("answers a %s token with 404", async (_what, token) => {
    expect(await thrown(unsubscribePage(unsubscribeRequest(token)))).toMatchObject({ init: { status: 404 } });
    expect(await thrown(unsubscribe(unsubscribeRequest(token, { method: "POST" })))).toMatchObject({ init: { status: 404 } });
  });
});

describe("knowledge staff overview", () => {
  it("shows subscriber numbers and each release's reach to knowledge staff", async () => {
    await confirm(confirmRequest(await subscribed(), "POST"));
    await db().transaction().execute((trx) =>
      enqueueReleaseNotices(trx, { id: 9, title: "Recovery", summary: "S", areas: ["adults"], topics: [], edition: 1, url: "/viden/r" }, new Date().toISOString()),
    );
    const cookie = await sessionCookieFor("knowledge_staff");
    const result = await overview(args(get(`${PATH}/oversigt`, cookie)));
    expect(result.subscribers).toMatchObject({ confirmed: 1, pending: 0, municipalities: 1, immediate: 1, adults: 1 });
    expect(result.reach).toEqual([expect.objectContaining({ releaseId: 9, title: "Recovery", reached: 1, delivered: 0 })]);
    // The unsent confirmation mail and the notice.
    expect(result.outbox.pending).toBe(2);
  });

  it("refuses other roles with 403", async () => {
    const cookie = await sessionCookieFor("program_manager");
    expect(await thrown(overview(args(get(`${PATH}/oversigt`, cookie))))).toMatchObject({ init: { status: 403 } });
  });
});
