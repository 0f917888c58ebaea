// Release persistence against a real SQLite file: drafts and tags, optimistic concurrency and history,
// slugs, editions pointing at the newest, the portal's SQL filters and paging, feeds and the prefill facts.
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { ConflictError } from "#db/errors";
import { createInitiative } from "#db/queries/initiatives";
import { createDraftFromDecision, loadReleaseFacts } from "#db/queries/release-facts";
import { listFeedReleases, listPublicReleases, listPublicTopics } from "#db/queries/release-portal";
import { listEditions, listStaffReleases } from "#db/queries/release-views";
import { findReleaseBySlugOrId, getRelease, insertDraft, normaliseTopics, pointOlderEditionsAt, saveReleaseState, slugify, toReleaseState, assignSlug, type ReleaseRecord } from "#db/queries/releases";
import {
  approveAndPublish, publishEdition, startNewEdition, submitForReview, withdraw,
  type Actor, type ReleaseContent, type ReleaseState,
} from "#workflows/release";

const T0 = "2026-12-01T09:00:00.000Z";
const T1 = "2026-12-02T09:00:00.000Z";
const T2 = "2026-12-03T09:00:00.000Z";

async function userId(email: string) {
  return (await db().selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}

async function actors() {
  const author: Actor = { id: await userId("videnskonsulent@susi.test"), role: "knowledge_staff" };
  const reviewer: Actor = { id: await userId("redaktoer@susi.test"), role: "knowledge_staff" };
  return { author, reviewer };
}

async function newInitiative(title = "Tidlig indsats for unge med angst", area: "adults" | "children" = "children") {
  return db().transaction().execute((trx) =>
    createInitiative(trx, {
      title, description: "", area, targetGroup: "Unge 14-17 år", agreementYears: [2024], track: 1, trackReason: "Ensartet",
      prototypeDescription: "Manual", phase: "trial", status: "active", framework: "susi2",
    }, null, T0),
  );
}

function content(overrides: Partial<ReleaseContent> = {}): ReleaseContent {
  return {
    title: "Tidlig indsats virker for unge med angst",
    summary: "Foreløbige resultater fra afprøvningen i fem kommuner.",
    bodyMarkdown: "## Hvad vi ved\n\nTre ud af fire unge fik det bedre.",
    audiences: ["social_services", "municipalities"],
    areas: ["children"],
    changeNote: "",
    topics: [" Angst ", "unge", "ANGST"],
    maturity: "preliminary",
    ...overrides,
  };
}

async function draft(initiativeId: number, authorId: number, c = content()) {
  return db().transaction().execute((trx) =>
    insertDraft(trx, { initiativeId, phase: "trial", decisionId: null, content: c, authorId, requestedById: null }, authorId, T0),
  );
}

function ok(result: { ok: true; value: ReleaseState } | { ok: false; refusals: unknown[] }): ReleaseState {
  if (!result.ok) throw new Error(JSON.stringify(result.refusals));
  return result.value;
}

async function reload(id: number): Promise<ReleaseRecord> {
  const r = await getRelease(db(), id);
  if (!r) throw new Error(`release ${id} missing`);
  return r;
}

/** Drives a draft through submit and review to published, as the routes do, and gives it its slug. */
async function publish(id: number, author: Actor, reviewer: Actor, at = T1) {
  let r = await reload(id);
  await db().transaction().execute((trx) => saveReleaseState(trx, r, r.version, ok(submitForReview(toReleaseState(r), author, at)), "release.submitted", author.id, at));
  r = await reload(id);
  await db().transaction().execute(async (trx) => {
    await saveReleaseState(trx, r, r.version, ok(approveAndPublish(toReleaseState(r), reviewer, at)), "release.published", reviewer.id, at);
    await assignSlug(trx, id);
  });
  return reload(id);
}

describe("drafts", () => {
  it("stores content, normalised topics, audiences in canonical order and a history row on the initiative", async () => {
    const { author } = await actors();
    const initiativeId = await newInitiative();
    const id = await draft(initiativeId, author.id);
    const r = await reload(id);
    expect(r).toMatchObject({ status: "draft", edition: 1, root_id: null, author_id: author.id, version: 1, slug: null, maturity: "preliminary" });
    // Kept as first typed (" Angst "), "ANGST" is the same topic.
    expect(r.topics).toEqual(["Angst", "unge"]);
    expect(r.audiences).toEqual(["municipalities", "social_services"]);
    expect(r.search_text).toContain("tidlig indsats virker");
    const history = await db().selectFrom("history").selectAll().where("initiative_id", "=", initiativeId).where("entity", "=", "release").execute();
    expect(history.map((h) => [h.action, h.entity_id])).toEqual([["release.created", id]]);
  });

  it("refuses a stale version with ConflictError and writes nothing", async () => {
    const { author } = await actors();
    const id = await draft(await newInitiative(), author.id);
    const r = await reload(id);
    const edited = { ...toReleaseState(r), content: content({ title: "Ny titel" }) };
    await db().transaction().execute((trx) => saveReleaseState(trx, r, 1, edited, "release.edited", author.id, T1));
    await expect(
      db().transaction().execute((trx) => saveReleaseState(trx, r, 1, { ...edited, content: content({ title: "Anden titel", topics: [] }) }, "release.edited", author.id, T2)),
    ).rejects.toBeInstanceOf(ConflictError);
    const after = await reload(id);
    expect(after).toMatchObject({ title: "Ny titel", version: 2 });
    expect(after.topics).toEqual(["Angst", "unge"]);
  });
});

describe("slugs", () => {
  it.each([
    ["Tidlig indsats: Æbler, øl & årstider", "tidlig-indsats-aebler-oel-aarstider"],
    ["2026", "udgivelse-2026"],
    ["!!!", "udgivelse"],
    ["Feed", "udgivelse-feed"],
    ["Café for unge", "cafe-for-unge"],
  ])("%s → %s", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it("gives a second release with the same title a distinct slug, and a later edition edition 1's slug", async () => {
    const { author, reviewer } = await actors();
    const initiativeId = await newInitiative();
    const first = await publish(await draft(initiativeId, author.id), author, reviewer);
    const second = await publish(await draft(initiativeId, author.id), author, reviewer);
    expect(first.slug).toBe("tidlig-indsats-virker-for-unge-med-angst");
    expect(second.slug).toBe(`tidlig-indsats-virker-for-unge-med-angst-${second.id}`);
    expect((await findReleaseBySlugOrId(db(), first.slug!))?.id).toBe(first.id);
    expect((await findReleaseBySlugOrId(db(), String(second.id)))?.slug).toBe(second.slug);
    expect(await findReleaseBySlugOrId(db(), "findes-ikke")).toBeUndefined();
  });
});

describe("editions", () => {
  async function nextEdition(previous: ReleaseRecord, kind: "major" | "minor", author: Actor, reviewer: Actor, at: string) {
    const fresh = ok(startNewEdition(toReleaseState(previous), author, kind));
    const started = kind === "major" ? { ...fresh, content: { ...fresh.content, changeNote: "Nye tal." } } : fresh;
    const id = await db().transaction().execute((trx) =>
      insertDraft(trx, {
        initiativeId: previous.initiative_id, phase: previous.phase, decisionId: previous.decision_id, content: started.content,
        authorId: author.id, requestedById: null, edition: started.edition, editionKind: kind,
        rootId: previous.root_id ?? previous.id, previousId: previous.id,
      }, author.id, at),
    );
    let next = await reload(id);
    await db().transaction().execute((trx) => saveReleaseState(trx, next, next.version, ok(submitForReview(toReleaseState(next), author, at)), "release.submitted", author.id, at));
    next = await reload(id);
    const prev = await reload(previous.id);
    const result = publishEdition(toReleaseState(next), toReleaseState(prev), id, reviewer, { mode: "review" }, at);
    if (!result.ok) throw new Error(JSON.stringify(result.refusals));
    await db().transaction().execute(async (trx) => {
      await saveReleaseState(trx, next, next.version, result.value, "release.published", reviewer.id, at);
      await saveReleaseState(trx, prev, prev.version, result.previous, "release.superseded", reviewer.id, at);
      await pointOlderEditionsAt(trx, next, at);
      await assignSlug(trx, id);
    });
    return { release: await reload(id), notify: result.notify };
  }

  it("supersedes the predecessor and points every older edition at the newest", async () => {
    const { author, reviewer } = await actors();
    const e1 = await publish(await draft(await newInitiative(), author.id), author, reviewer);
    const e2 = await nextEdition(e1, "major", reviewer, author, T1);
    const e3 = await nextEdition(e2.release, "minor", author, reviewer, T2);

    expect(e2.notify).toBe(true);
    expect(e3.notify).toBe(false);
    expect(e3.release).toMatchObject({ status: "published", edition: 3, root_id: e1.id, slug: `${e1.slug}-udgave-3` });
    expect(await reload(e1.id)).toMatchObject({ status: "superseded", superseded_by_id: e3.release.id, superseded_at: T1 });
    expect(await reload(e2.release.id)).toMatchObject({ status: "superseded", superseded_by_id: e3.release.id, superseded_at: T2 });
    expect((await listEditions(db(), e1.id)).map((e) => [e.edition, e.status])).toEqual([
      [1, "superseded"], [2, "superseded"], [3, "published"],
    ]);
    // The portal lists the release once, as its newest edition.
    const listed = await listPublicReleases(db(), { q: "tidlig indsats" });
    expect(listed.rows.map((r) => r.id)).toEqual([e3.release.id]);
  });
});

describe("portal queries", () => {
  async function seedPortal() {
    const { author, reviewer } = await actors();
    const children = await newInitiative("Angstindsats", "children");
    const adults = await newInitiative("Bostøtte til hjemløse", "adults");
    const a = await publish(await draft(children, author.id), author, reviewer, T0);
    const b = await publish(
      await draft(adults, author.id, content({
        title: "Øget trivsel med bostøtte", areas: ["adults"], audiences: ["civil_society"], topics: ["Hjemløshed"], maturity: "documented",
        bodyMarkdown: "ÆBLER og pærer",
      })),
      author, reviewer, T1,
    );
    const c = await publish(await draft(adults, author.id, content({ title: "Tilbagetrukket", areas: ["adults"], topics: ["hjemløshed"] })), author, reviewer, T2);
    const cr = await reload(c.id);
    await db().transaction().execute((trx) =>
      saveReleaseState(trx, cr, cr.version, ok(withdraw(toReleaseState(cr), reviewer, "Forkerte tal", T2)), "release.withdrawn", reviewer.id, T2));
    await draft(adults, author.id, content({ title: "Kladde", areas: ["adults"], topics: ["hjemløshed"] }));
    return { a, b };
  }

  it("lists only current published releases, newest first, with filters applied in SQL", async () => {
    const { a, b } = await seedPortal();
    const ids = async (f: Parameters<typeof listPublicReleases>[1]) => (await listPublicReleases(db(), f)).rows.map((r) => r.id);
    expect(await ids({})).toEqual([b.id, a.id]);
    expect(await ids({ area: "children" })).toEqual([a.id]);
    expect(await ids({ audience: "civil_society" })).toEqual([b.id]);
    expect(await ids({ audience: "municipalities" })).toEqual([a.id]);
    expect(await ids({ topic: "Hjemløshed" })).toEqual([b.id]);
    expect(await ids({ maturity: "documented" })).toEqual([b.id]);
    expect(await ids({ phase: "trial" })).toEqual([b.id, a.id]);
    expect(await ids({ phase: "screening" })).toEqual([]);
    // Search is case-insensitive for Danish letters too, and % is a literal.
    expect(await ids({ q: "æbler" })).toEqual([b.id]);
    expect(await ids({ q: "100%" })).toEqual([]);
    const page = await listPublicReleases(db(), {}, 2, 1);
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page.rows.map((r) => r.id)).toEqual([a.id]);
    expect(page.rows[0].topics).toEqual(["Angst", "unge"]);
  });

  it("lists the topics of published releases only, and feeds by area and topic", async () => {
    const { a, b } = await seedPortal();
    expect(await listPublicTopics(db())).toEqual([
      { topic: "Angst", count: 1 }, { topic: "Hjemløshed", count: 1 }, { topic: "unge", count: 1 },
    ]);
    expect((await listFeedReleases(db(), {})).map((r) => r.id)).toEqual([b.id, a.id]);
    expect((await listFeedReleases(db(), { area: "children" })).map((r) => r.id)).toEqual([a.id]);
    const [entry] = await listFeedReleases(db(), { topic: "hjemløshed" });
    expect(entry).toMatchObject({ id: b.id, first_published_at: T1, root_id: null });
  });
});

describe("staff views", () => {
  it("shows mine, what I may review, and drafts the steering group asked for", async () => {
    const { author, reviewer } = await actors();
    const initiativeId = await newInitiative();
    const mine = await draft(initiativeId, author.id);
    const r = await reload(mine);
    await db().transaction().execute((trx) => saveReleaseState(trx, r, 1, ok(submitForReview(toReleaseState(r), author, T1)), "release.submitted", author.id, T1));
    const requested = await db().transaction().execute((trx) =>
      insertDraft(trx, { initiativeId, phase: "trial", decisionId: null, content: content(), authorId: null, requestedById: null }, null, T1));

    const view = async (who: Actor, v: "mine" | "to_review" | "requested") => (await listStaffReleases(db(), { view: v }, who.id)).rows.map((x) => x.id);
    expect(await view(author, "mine")).toEqual([mine]);
    expect(await view(author, "to_review")).toEqual([]);
    expect(await view(reviewer, "to_review")).toEqual([mine]);
    expect(await view(reviewer, "requested")).toEqual([requested]);
    expect((await listStaffReleases(db(), { status: "in_review" }, reviewer.id)).total).toBe(1);
  });

  it("counts a contributor as involved by exact id, never by a shared digit prefix", async () => {
    const { author, reviewer } = await actors();
    const initiativeId = await newInitiative();
    const id = await draft(initiativeId, author.id);
    // The reviewer edited the draft; an id that merely starts with the reviewer's digits did too.
    await db().updateTable("releases").set({ contributor_ids: JSON.stringify([reviewer.id * 10 + 1, reviewer.id]) }).where("id", "=", id).execute();
    const view = async (who: number, v: "mine" | "to_review") => (await listStaffReleases(db(), { view: v }, who)).rows.map((x) => x.id);
    expect(await view(reviewer.id, "mine")).toEqual([id]);
    await db().updateTable("releases").set({ contributor_ids: JSON.stringify([reviewer.id * 10 + 1]) }).where("id", "=", id).execute();
    expect(await view(reviewer.id, "mine")).toEqual([]);
    expect(await view(reviewer.id * 10 + 1, "mine")).toEqual([id]);
  });
});

describe("prefill from a decision", () => {
  it("creates an authorless draft linked to the decision, composed from the assessment's findings", async () => {
    const initiativeId = await newInitiative();
    const steering = await userId("styregruppe@susi.test");
    const { assessmentId, decisionId } = await db().transaction().execute(async (trx) => {
      const { id: assessmentId } = await trx.insertInto("assessments").values({
        initiative_id: initiativeId, from_phase: "trial", to_phase: "dissemination", status: "submitted",
        overall_assessment: "Indsatsen virker ikke som forudsat.", recommendation: "Stop", created_at: T0, submitted_at: T0,
      }).returning("id").executeTakeFirstOrThrow();
      await trx.insertInto("assessment_judgements").values({
        assessment_id: assessmentId, criterion_id: "toDissemination.positive_effect", judgement: "not_met",
        evidence: "", evidence_level: null, justification: "Ingen målbar effekt", assessed_at: T0,
      }).execute();
      const { id: decisionId } = await trx.insertInto("decisions").values({
        initiative_id: initiativeId, assessment_id: assessmentId, outcome: "stop", from_phase: "trial", to_phase: null,
        resulting_phase: "trial", resulting_status: "stopped", rationale: "Ingen effekt", decided_by: steering, decided_at: T1,
      }).returning("id").executeTakeFirstOrThrow();
      return { assessmentId, decisionId };
    });

    const facts = await loadReleaseFacts(db(), initiativeId, "trial");
    expect(facts?.decision).toMatchObject({ id: decisionId, outcome: "stop" });
    expect(facts?.assessment).toMatchObject({ id: assessmentId, overall_assessment: "Indsatsen virker ikke som forudsat." });
    expect(facts?.assessment?.judgements).toEqual([
      { criterion_id: "toDissemination.positive_effect", judgement: "not_met", justification: "Ingen målbar effekt" },
    ]);

    const id = await db().transaction().execute((trx) =>
      createDraftFromDecision(trx, { initiativeId, decisionId, requestedById: steering, now: T1 }, (f) =>
        content({ title: `Det lærte vi: ${f.initiative.title}`, bodyMarkdown: f.assessment?.overall_assessment ?? "", maturity: null })),
    );
    expect(await reload(id)).toMatchObject({
      status: "draft", author_id: null, requested_by_id: steering, decision_id: decisionId, phase: "trial",
      title: "Det lærte vi: Tidlig indsats for unge med angst", body_md: "Indsatsen virker ikke som forudsat.", maturity: null,
    });
    // Whoever on the knowledge staff acts first becomes the author.
    const { author } = await actors();
    expect(toReleaseState(await reload(id), author.id).authorId).toBe(author.id);
  });

  it("refuses a decision of another initiative", async () => {
    const initiativeId = await newInitiative();
    await expect(
      db().transaction().execute((trx) => createDraftFromDecision(trx, { initiativeId, decisionId: 999_999, requestedById: 1, now: T1 }, () => content())),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("normaliseTopics", () => {
  it("trims, keeps the case as typed, collapses spaces and removes duplicates (matched case-insensitively, Danish rules)", () => {
    expect(normaliseTopics(["  Børn  og Unge ", "BØRN OG UNGE", "", "Angst", "MOVE", "move"])).toEqual(["Børn og Unge", "Angst", "MOVE"]);
  });
});
