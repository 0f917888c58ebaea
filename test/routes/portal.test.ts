// The public knowledge portal (/viden) and its Atom feeds, called without a session on a seeded database:
// listing filters, the release page, "superseded by", a withdrawn release's 410 with its reason, 404s,
// feeds that parse as namespaced XML with their entries, and the alternate link every page advertises.
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { createInitiative } from "#db/queries/initiatives";
import { assignSlug, getRelease, insertDraft, pointOlderEditionsAt, saveReleaseState, toReleaseState } from "#db/queries/releases";
import {
  approveAndPublish, forcePublish, publishEdition, startNewEdition, submitForReview, withdraw,
  type Actor, type ReleaseContent, type ReleaseResult, type ReleaseState,
} from "#workflows/release";
import * as listRoute from "~/routes/viden._index";
import * as pageRoute from "~/routes/viden.$slugOrId/route";
import * as allFeed from "~/routes/viden.feed[.]atom";
import * as areaFeed from "~/routes/viden.feed.omraade.$area";
import * as topicFeed from "~/routes/viden.feed.emne.$topic";
import { db } from "~/utils/db.server";
import { args, get, outcome } from "./helpers";

const T = (day: number) => `2026-12-${String(day).padStart(2, "0")}T09:00:00.000Z`;

async function actors(): Promise<{ author: Actor; reviewer: Actor }> {
  const id = async (email: string) => (await db().selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  return {
    author: { id: await id("videnskonsulent@susi.test"), role: "knowledge_staff" },
    reviewer: { id: await id("redaktoer@susi.test"), role: "knowledge_staff" },
  };
}

function ok(r: ReleaseResult): ReleaseState {
  if (!r.ok) throw new Error(JSON.stringify(r.refusals));
  return r.value;
}

async function initiative(title: string, area: "adults" | "children", status: "active" | "stopped" = "active") {
  return db().transaction().execute((trx) =>
    createInitiative(trx, {
      title, description: "", area, targetGroup: "", agreementYears: [2023], track: 1, trackReason: "x",
      prototypeDescription: "x", phase: "maturation", status, framework: "susi2",
    }, null, T(1)),
  );
}

function content(overrides: Partial<ReleaseContent>): ReleaseContent {
  return {
    title: "Titel", summary: "Resumé", bodyMarkdown: "## Fund\n\nTekst med <script>alert(1)</script> og **fed**.",
    audiences: ["municipalities"], areas: ["adults"], topics: [], maturity: "preliminary", changeNote: "", ...overrides,
  };
}

/** A published release (reviewed, or forced when `force`), published at `at`. */
async function published(initiativeId: number, c: ReleaseContent, at: string, force = false) {
  const { author, reviewer } = await actors();
  const id = await db().transaction().execute((trx) =>
    insertDraft(trx, { initiativeId, phase: "maturation", decisionId: null, content: c, authorId: author.id, requestedById: null }, author.id, at));
  let r = (await getRelease(db(), id))!;
  const next = force
    ? ok(forcePublish(toReleaseState(r), author, "Haster", at))
    : ok(approveAndPublish(ok(submitForReview(toReleaseState(r), author, at)), reviewer, at));
  r = (await getRelease(db(), id))!;
  await db().transaction().execute(async (trx) => {
    await saveReleaseState(trx, r, r.version, next, "release.published", reviewer.id, at);
    await assignSlug(trx, id);
  });
  return (await getRelease(db(), id))!;
}

async function seed() {
  const adults = await initiative("Bostøtte til hjemløse", "adults");
  const children = await initiative("Tidlig indsats mod angst", "children", "stopped");
  const a = await published(adults, content({ title: "Bostøtte virker", topics: ["hjemløshed"], maturity: "tested", audiences: ["social_services"] }), T(2));
  const b = await published(children, content({
    title: "Det lærte vi af angstindsatsen", areas: ["children"], topics: ["angst", "unge"], audiences: ["municipalities", "civil_society"],
  }), T(3), true);
  return { a, b };
}

describe("the listing", () => {
  it("shows published releases newest first without login, filtered and searched in SQL", async () => {
    const { a, b } = await seed();
    const ids = async (query = "") => (await outcome(listRoute.loader(args(get(`/viden${query}`))))).data.rows.map((r: any) => r.id);
    expect(await ids()).toEqual([b.id, a.id]);
    expect(await ids("?area=adults")).toEqual([a.id]);
    expect(await ids("?audience=civil_society")).toEqual([b.id]);
    expect(await ids("?topic=angst")).toEqual([b.id]);
    expect(await ids("?maturity=tested")).toEqual([a.id]);
    expect(await ids("?phase=maturation&q=BOSTØTTE")).toEqual([a.id]);
    expect(await ids("?phase=trial")).toEqual([]);
    const all = await outcome(listRoute.loader(args(get("/viden"))));
    expect(all.data).toMatchObject({ total: 2, page: 1 });
    expect(all.data.topics.map((t: any) => t.topic)).toEqual(["angst", "hjemløshed", "unge"]);
  });

  it("answers 400 naming an unknown filter value", async () => {
    const res = await outcome(listRoute.loader(args(get("/viden?maturity=proven"))));
    expect(res.status).toBe(400);
    expect(res.data.message).toContain("maturity");
  });

  it("advertises the feeds in its head: all, and the area or topic it is filtered on", () => {
    const links = (data: any) =>
      (listRoute.meta({ data, matches: [{ id: "root", data: { lang: "da" } }] } as any) as any[]).filter((m) => m.tagName === "link");
    expect(links({ filters: {} })).toEqual([
      { tagName: "link", rel: "alternate", type: "application/atom+xml", title: "Alle udgivelser (Atom-feed)", href: "/viden/feed.atom" },
    ]);
    expect(links({ filters: { area: "children", topic: "børn og unge" } }).map((l) => l.href)).toEqual([
      "/viden/feed.atom", "/viden/feed/omraade/children.atom", "/viden/feed/emne/b%C3%B8rn%20og%20unge.atom",
    ]);
  });
});

describe("the release page", () => {
  it("shows a release by slug or id with its initiative, phase, maturity and sanitised body", async () => {
    const { a, b } = await seed();
    const bySlug = await outcome(pageRoute.loader(args(get(`/viden/${a.slug}`), { slugOrId: a.slug! })));
    expect(bySlug.status).toBe(200);
    expect(bySlug.data).toMatchObject({
      kind: "published", notYetReviewed: false, initiative: { title: "Bostøtte til hjemløse" },
      release: { title: "Bostøtte virker", phase: "maturation", maturity: "tested", area: "adults", edition: 1 },
    });
    expect(bySlug.data.article.html).toContain("<strong>fed</strong>");
    expect(bySlug.data.article.html).not.toContain("<script");
    const byId = await outcome(pageRoute.loader(args(get(`/viden/${b.id}`), { slugOrId: String(b.id) })));
    expect(byId.data).toMatchObject({ kind: "published", notYetReviewed: true, initiative: { status: "stopped" } });
    const meta = pageRoute.meta({ data: bySlug.data, matches: [{ id: "root", data: { lang: "da" } }] } as any) as any[];
    expect(meta.filter((m) => m.rel === "alternate").map((m) => m.href)).toEqual(["/viden/feed.atom", "/viden/feed/omraade/adults.atom"]);
  });

  it("answers 404 for an unknown address and for a draft", async () => {
    const { author } = await actors();
    const i = await initiative("Kladdeinitiativ", "adults");
    const draft = await db().transaction().execute((trx) =>
      insertDraft(trx, { initiativeId: i, phase: "maturation", decisionId: null, content: content({}), authorId: author.id, requestedById: null }, author.id, T(2)));
    for (const key of ["findes-ikke", "999999", String(draft), "x".repeat(300)]) {
      expect((await outcome(pageRoute.loader(args(get(`/viden/${key}`), { slugOrId: key })))).status).toBe(404);
    }
  });

  it("keeps a superseded edition readable and points it at the newest", async () => {
    const { a } = await seed();
    const { author, reviewer } = await actors();
    const fresh = ok(startNewEdition(toReleaseState(a), author, "major"));
    const started = { ...fresh, content: { ...fresh.content, changeNote: "Nye tal." } };
    const id2 = await db().transaction().execute((trx) =>
      insertDraft(trx, {
        initiativeId: a.initiative_id, phase: a.phase, decisionId: null, content: { ...started.content, title: "Bostøtte virker, 2. udgave" },
        authorId: author.id, requestedById: null, edition: 2, editionKind: "major", rootId: a.id, previousId: a.id,
      }, author.id, T(4)));
    const e2 = (await getRelease(db(), id2))!;
    const result = publishEdition(ok(submitForReview(toReleaseState(e2), author, T(4))), toReleaseState(a), id2, reviewer, { mode: "review" }, T(5));
    if (!result.ok) throw new Error(JSON.stringify(result.refusals));
    await db().transaction().execute(async (trx) => {
      await saveReleaseState(trx, e2, e2.version, result.value, "release.published", reviewer.id, T(5));
      await saveReleaseState(trx, a, a.version, result.previous, "release.superseded", reviewer.id, T(5));
      await pointOlderEditionsAt(trx, e2, T(5));
      await assignSlug(trx, id2);
    });

    const old = await outcome(pageRoute.loader(args(get(`/viden/${a.slug}`), { slugOrId: a.slug! })));
    expect(old.status).toBe(200);
    expect(old.data).toMatchObject({
      kind: "superseded", release: { title: "Bostøtte virker", edition: 1 },
      newest: { id: id2, slug: `${a.slug}-udgave-2`, edition: 2, title: "Bostøtte virker, 2. udgave" },
    });
    expect(old.data.editions.map((e: any) => [e.edition, e.status])).toEqual([[1, "superseded"], [2, "published"]]);
    // The listing shows the release once, as its newest edition.
    const list = await outcome(listRoute.loader(args(get("/viden?area=adults"))));
    expect(list.data.rows.map((r: any) => r.id)).toEqual([id2]);
  });

  it("answers 410 Gone for a withdrawn release, with its title and reason and without its text", async () => {
    const { a } = await seed();
    const { reviewer } = await actors();
    await db().transaction().execute((trx) =>
      saveReleaseState(trx, a, a.version, ok(withdraw(toReleaseState(a), reviewer, "Tallene var forkerte", T(6))), "release.withdrawn", reviewer.id, T(6)));
    const res = await outcome(pageRoute.loader(args(get(`/viden/${a.slug}`), { slugOrId: a.slug! })));
    expect(res.status).toBe(410);
    expect(res.data).toEqual({ kind: "withdrawn", title: "Bostøtte virker", reason: "Tallene var forkerte", withdrawnAt: T(6) });
    expect((await outcome(listRoute.loader(args(get("/viden"))))).data.rows.map((r: any) => r.id)).not.toContain(a.id);
  });
});

/** Parses strictly (well-formed, namespaces resolved); returns the root's namespace and the entries. */
function parseAtom(xml: string) {
  const parser = new SaxesParser({ xmlns: true });
  let root: { uri: string; local: string } | undefined;
  const entries: { title: string; link: string; categories: string[] }[] = [];
  const path: string[] = [];
  let text = "";
  parser.on("opentag", (tag) => {
    if (!root) root = { uri: tag.uri, local: tag.local };
    path.push(tag.local);
    text = "";
    if (tag.local === "entry") entries.push({ title: "", link: "", categories: [] });
    const entry = entries[entries.length - 1];
    if (entry && path.includes("entry")) {
      if (tag.local === "link") entry.link = String(tag.attributes.href?.value ?? "");
      if (tag.local === "category") entry.categories.push(String(tag.attributes.term?.value ?? ""));
    }
  });
  parser.on("text", (t) => { text += t; });
  parser.on("cdata", (t) => { text += t; });
  parser.on("closetag", (tag) => {
    if (tag.local === "title" && path.includes("entry")) entries[entries.length - 1].title = text;
    path.pop();
  });
  parser.write(xml).close();
  return { root, entries };
}

describe("Atom feeds", () => {
  it("serves all releases as valid Atom with the right content type", async () => {
    await seed();
    const res = (await outcome(allFeed.loader(args(get("/viden/feed.atom"))))).response!;
    expect(res.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    const feed = parseAtom(await res.text());
    expect(feed.root).toEqual({ uri: "http://www.w3.org/2005/Atom", local: "feed" });
    expect(feed.entries.map((e) => e.title)).toEqual(["Det lærte vi af angstindsatsen", "Bostøtte virker"]);
    expect(feed.entries[1].link).toBe("http://localhost/viden/bostoette-virker");
  });

  it("serves per-area and per-topic feeds, 404 for an unknown area or a path without .atom", async () => {
    await seed();
    const area = parseAtom(await (await outcome(areaFeed.loader(args(get("/viden/feed/omraade/children.atom"), { area: "children.atom" })))).response!.text());
    expect(area.entries.map((e) => e.title)).toEqual(["Det lærte vi af angstindsatsen"]);
    expect(area.entries[0].categories).toEqual(["angst", "unge"]);
    const topic = parseAtom(await (await outcome(topicFeed.loader(args(get("/viden/feed/emne/Hjeml%C3%B8shed.atom"), { topic: "Hjemløshed.atom" })))).response!.text());
    expect(topic.entries.map((e) => e.title)).toEqual(["Bostøtte virker"]);
    const empty = parseAtom(await (await outcome(topicFeed.loader(args(get("/viden/feed/emne/ukendt.atom"), { topic: "ukendt.atom" })))).response!.text());
    expect(empty).toMatchObject({ root: { local: "feed" }, entries: [] });
    expect((await outcome(areaFeed.loader(args(get("/viden/feed/omraade/elderly.atom"), { area: "elderly.atom" })))).status).toBe(404);
    expect((await outcome(areaFeed.loader(args(get("/viden/feed/omraade/adults"), { area: "adults" })))).status).toBe(404);
    expect((await outcome(topicFeed.loader(args(get("/viden/feed/emne/.atom"), { topic: ".atom" })))).status).toBe(404);
  });

  it("stays well-formed whatever a writer types: markup, CDATA ends, control characters", async () => {
    const i = await initiative("Fjendtlig tekst", "adults");
    await published(i, content({
      title: "A <b>&</b> ]]> ]]> B\u000b", summary: "S ]]> <i>x</i> \u0001", bodyMarkdown: "Tekst ]]> og <b>fed</b> \u0008 [l](https://a.dk/]]>]]>) <a title=\"]]>]]>\" href=\"https://b.dk\">b</a>", topics: ["ok & fint"],
    }), T(2));
    const feed = parseAtom(await (await outcome(allFeed.loader(args(get("/viden/feed.atom"))))).response!.text());
    expect(feed.entries[0].title).toBe("A &lt;b&gt;&amp;&lt;/b&gt; ]]&gt; ]]&gt; B");
    expect(feed.entries[0].categories).toEqual(["ok & fint"]);
  });
});
