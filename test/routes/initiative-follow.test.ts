// Following one initiative and the subscriber kinds (issue 13), through the subscription route with real
// Requests: a civil-society organisation subscribes without a municipality, a reader follows an initiative
// with a published release and hears of its next release and its public phase change; bad input is a 400
// naming the field with nothing written. And the initiative's Atom feed, which names its XSLT stylesheet.
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { enqueuePhaseNotices } from "#db/queries/initiative-follow";
import { createInitiative } from "#db/queries/initiatives";
import { enqueueReleaseNotices } from "#db/queries/outbox";
import { assignSlug, getRelease, insertDraft, saveReleaseState, toReleaseState } from "#db/queries/releases";
import { approveAndPublish, submitForReview, type ReleaseContent, type ReleaseResult, type ReleaseState } from "#workflows/release";
import { publicPhaseChange } from "#workflows/subscription";
import { renderMail } from "~/mail/templates.server";
import { action as subscribe, loader as form } from "~/routes/viden.abonnement._index/route";
import { action as confirm } from "~/routes/viden.abonnement.bekraeft.$token";
import * as initiativeFeed from "~/routes/viden.feed.initiativ.$initiative";
import * as stylesheet from "~/routes/viden.feed[.]xsl";
import { db } from "~/utils/db.server";
import { args, BASE, count, get, outcome } from "./helpers";

const T = (day: number) => `2026-12-${String(day).padStart(2, "0")}T09:00:00.000Z`;

function ok(r: ReleaseResult): ReleaseState {
  if (!r.ok) throw new Error(JSON.stringify(r.refusals));
  return r.value;
}

async function initiative(title: string) {
  return db().transaction().execute((trx) =>
    createInitiative(trx, {
      title, description: "", area: "adults", targetGroup: "", agreementYears: [2023], track: 1, trackReason: "x",
      prototypeDescription: "x", phase: "maturation", status: "active", framework: "susi2",
    }, null, T(1)),
  );
}

async function published(initiativeId: number, title: string, at: string) {
  const id = async (email: string) => (await db().selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  const author = { id: await id("videnskonsulent@susi.test"), role: "knowledge_staff" as const };
  const reviewer = { id: await id("redaktoer@susi.test"), role: "knowledge_staff" as const };
  const c: ReleaseContent = { title, summary: "Resumé", bodyMarkdown: "Tekst", audiences: ["municipalities"], areas: ["adults"], topics: [], maturity: "preliminary", changeNote: "" };
  const rid = await db().transaction().execute((trx) =>
    insertDraft(trx, { initiativeId, phase: "maturation", decisionId: null, content: c, authorId: author.id, requestedById: null }, author.id, at));
  let r = (await getRelease(db(), rid))!;
  const next = ok(approveAndPublish(ok(submitForReview(toReleaseState(r), author, at)), reviewer, at));
  r = (await getRelease(db(), rid))!;
  await db().transaction().execute(async (trx) => {
    await saveReleaseState(trx, r, r.version, next, "release.published", reviewer.id, at);
    await assignSlug(trx, rid);
  });
  return (await getRelease(db(), rid))!;
}

function post(fields: Record<string, string | string[]>, query = "") {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return subscribe(args(new Request(`${BASE}/viden/abonnement${query}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body })));
}

const ORG = { email: "kontakt@forening.dk", kind: "civil_society", areas: "adults", frequency: "immediate" };

async function written() {
  return { subscribers: await count("subscribers"), initiatives: await count("subscriber_initiatives"), outbox: await count("outbox"), history: await count("history") };
}

async function confirmLatest() {
  const row = await db().selectFrom("outbox").select("payload").where("kind", "=", "confirm").orderBy("id", "desc").executeTakeFirstOrThrow();
  const token = JSON.parse(row.payload).confirmToken as string;
  const res = (await confirm(args(new Request(`${BASE}/viden/abonnement/bekraeft/${token}`, { method: "POST" }), { token }))) as Response;
  expect(res.status).toBe(302);
}

describe("subscriber kinds", () => {
  it("a civil-society organisation subscribes without naming a municipality", async () => {
    const res = (await post(ORG)) as Response;
    expect(res.status).toBe(302);
    const s = await db().selectFrom("subscribers").select(["kind", "municipality_code"]).executeTakeFirstOrThrow();
    expect(s).toEqual({ kind: "civil_society", municipality_code: null });
    const mail = await db().selectFrom("outbox").select("payload").executeTakeFirstOrThrow();
    const rendered = renderMail("confirm", JSON.parse(mail.payload), { baseUrl: BASE, unsubscribeToken: "x" });
    expect(rendered.text).toContain("Abonnerer som: En civilsamfundsorganisation");
  });

  it("drops a municipality chosen under another kind (the chooser stays visible without JavaScript)", async () => {
    expect(((await post({ ...ORG, kind: "social_service", municipality: "751" })) as Response).status).toBe(302);
    expect((await db().selectFrom("subscribers").select("municipality_code").executeTakeFirstOrThrow()).municipality_code).toBeNull();
  });

  it.each([
    ["an unknown kind", { ...ORG, kind: "firma" }, "kind", "subscriptions.error.kind"],
    ["no kind", { email: ORG.email, areas: "adults", frequency: "immediate" }, "kind", "subscriptions.error.kind"],
    ["a municipality without its municipality", { ...ORG, kind: "municipality" }, "municipality", "subscriptions.error.municipality"],
    ["a malformed initiative", { ...ORG, initiatives: "abc" }, "initiatives[0]", "subscriptions.error.initiative"],
  ])("refuses %s with 400 naming the field, and writes nothing", async (_label, fields, field, message) => {
    const before = await written();
    const result: any = await post(fields as Record<string, string>);
    expect(result.init.status).toBe(400);
    expect(result.data.error[field]).toEqual([message]);
    expect(await written()).toEqual(before);
  });
});

describe("following one initiative", () => {
  it("offers the initiative a reader came from only when it has a published release", async () => {
    const hidden = await initiative("Intern idé");
    const shown = await initiative("Bostøtte til hjemløse");
    await published(shown, "Bostøtte virker", T(2));
    const offer = (q: string) => form(args(get(`/viden/abonnement${q}`)));
    expect((await offer(`?initiative=${shown}`)).initiative).toEqual({ id: shown, title: "Bostøtte til hjemløse" });
    expect((await offer(`?initiative=${hidden}`)).initiative).toBeNull();
    expect((await offer("?initiative=x")).initiative).toBeNull();
  });

  it("refuses following an initiative the public cannot see, with 400 naming the field, and writes nothing", async () => {
    const hidden = await initiative("Intern idé");
    const before = await written();
    const result: any = await post({ email: ORG.email, kind: "other", initiatives: String(hidden), frequency: "immediate" });
    expect(result.init.status).toBe(400);
    expect(result.data.error.initiatives).toEqual(["subscriptions.error.initiative"]);
    expect(await written()).toEqual(before);
  });

  it("a follower of the initiative alone hears of its next release and of its public phase change, once", async () => {
    const id = await initiative("Bostøtte til hjemløse");
    const first = await published(id, "Bostøtte virker", T(2));
    expect(((await post({ email: ORG.email, kind: "civil_society", initiatives: String(id), frequency: "weekly" }, `?initiative=${id}`)) as Response).status).toBe(302);
    await confirmLatest();
    const second = await published(id, "Bostøtte virker også for unge", T(3));
    const release = { id: second.id, title: second.title, summary: "S", areas: ["children" as const], topics: [], edition: 1, url: "/viden/x" };
    expect(await db().transaction().execute((trx) => enqueueReleaseNotices(trx, release, T(3)))).toBe(1);

    const change = { decisionId: 77, initiativeId: id, outcome: "go", decidedAt: T(4), before: { phase: "maturation", status: "active" }, after: { phase: "trial", status: "active" } };
    expect(await db().transaction().execute((trx) => enqueuePhaseNotices(trx, change, T(4)))).toBe(1);
    expect(await db().transaction().execute((trx) => enqueuePhaseNotices(trx, change, T(4)))).toBe(0);
    const row = await db().selectFrom("outbox").select(["kind", "status", "payload"]).where("dedupe_key", "=", `phase:77:${(await db().selectFrom("subscribers").select("id").executeTakeFirstOrThrow()).id}`).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: "notice", status: "pending" });
    const mail = renderMail("notice", JSON.parse(row.payload), { baseUrl: BASE, unsubscribeToken: "t" });
    expect(mail.subject).toBe("Ny fase for Bostøtte til hjemløse: Afprøvning");
    expect(mail.text).toContain(`${BASE}/viden/${first.slug === second.slug ? first.slug : second.slug}`);
    expect(mail.headers["List-Unsubscribe"]).toContain("/viden/abonnement/afmeld/t");
  });
});

describe("the public phase change rule", () => {
  it("tells only an initiative with a published release, and only a change", () => {
    const a = { phase: "maturation", status: "active" };
    expect(publicPhaseChange(a, { phase: "trial", status: "active" }, true)).toBe("phase");
    expect(publicPhaseChange(a, { phase: "maturation", status: "stopped" }, true)).toBe("status");
    expect(publicPhaseChange(a, a, true)).toBeNull();
    expect(publicPhaseChange(a, { phase: "trial", status: "active" }, false)).toBeNull();
  });
});

describe("the initiative's feed", () => {
  it("is valid Atom of its releases, names the stylesheet, and is 404 for an initiative not public", async () => {
    const id = await initiative("Bostøtte til hjemløse");
    await published(id, "Bostøtte virker", T(2));
    const res = (await outcome(initiativeFeed.loader(args(get(`/viden/feed/initiativ/${id}.atom`), { initiative: `${id}.atom` })))).response!;
    expect(res.headers.get("Content-Type")).toContain("application/atom+xml");
    const xml = await res.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<\?xml-stylesheet type="text\/xsl" href="\/viden\/feed.xsl"\?>/);
    const titles: string[] = [];
    let root = "";
    let inEntryTitle = false;
    const parser = new SaxesParser({ xmlns: true });
    parser.on("opentag", (tag) => { if (!root) root = `${tag.uri} ${tag.local}`; inEntryTitle = tag.local === "title" && titles.length >= 0; });
    parser.on("cdata", (t) => { if (inEntryTitle) titles.push(t); });
    parser.on("text", (t) => { if (inEntryTitle && t.trim()) titles.push(t); });
    parser.on("closetag", () => { inEntryTitle = false; });
    parser.write(xml).close();
    expect(root).toBe("http://www.w3.org/2005/Atom feed");
    expect(titles).toContain("Bostøtte virker");
    // A browser's navigation (text/html first) gets the same bytes as application/xml, which it renders through the stylesheet.
    const browserGet = new Request(`${BASE}/viden/feed/initiativ/${id}.atom`, { headers: { Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" } });
    const asPage = (await outcome(initiativeFeed.loader(args(browserGet, { initiative: `${id}.atom` })))).response!;
    expect(asPage.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    expect(asPage.headers.get("Vary")).toBe("Accept");
    expect(await asPage.text()).toBe(xml);
    const hidden = await initiative("Intern idé");
    expect((await outcome(initiativeFeed.loader(args(get(`/viden/feed/initiativ/${hidden}.atom`), { initiative: `${hidden}.atom` })))).status).toBe(404);
    expect((await outcome(initiativeFeed.loader(args(get("/viden/feed/initiativ/x.atom"), { initiative: "x.atom" })))).status).toBe(404);
  });

  it("its stylesheet is well-formed XSLT served with an XML content type", async () => {
    const res = await stylesheet.loader();
    expect(res.headers.get("Content-Type")).toContain("application/xslt+xml");
    const parser = new SaxesParser({ xmlns: true });
    let root = "";
    parser.on("opentag", (tag) => { if (!root) root = `${tag.uri} ${tag.local}`; });
    const xsl = await res.text();
    parser.write(xsl).close();
    expect(root).toBe("http://www.w3.org/1999/XSL/Transform stylesheet");
    // The page it makes is a public page: its footer links the accessibility statement and the privacy notice.
    expect(xsl).toMatch(/<footer>[\s\S]*<a href="\/tilgaengelighed">Tilgængelighedserklæring<\/a>[\s\S]*<a href="\/privatliv">Privatlivspolitik<\/a>[\s\S]*<\/footer>/);
  });
});
