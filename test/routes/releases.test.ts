// The knowledge staff's release pages (/udgivelser), loaders and actions called with real Requests on a
// seeded database: who may, 400 naming the field with nothing written, 409 for workflow refusals (naming the
// rule) and stale versions, and the whole path draft → review → published → editions → withdrawn, with
// subscribers' notices queued in the publishing transaction.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createInitiative } from "#db/queries/initiatives";
import { getRelease } from "#db/queries/releases";
import { getUserByEmail, setUserRoles } from "#db/queries/users";
import type { Role } from "#db/schema";
import * as listRoute from "~/routes/udgivelser._index";
import * as newRoute from "~/routes/udgivelser.ny/route";
import * as editRoute from "~/routes/udgivelser.$id.rediger/route";
import * as pageRoute from "~/routes/udgivelser.$id._index/route";
import { renderMarkdown } from "~/markdown/render";
import { db } from "~/utils/db.server";
import { meetingFor } from "./governance-fixtures";
import { args, BASE, count, formRequest, get, outcome, sessionCookieFor, sessionCookieForEmail } from "./helpers";

const AUTHOR = "videnskonsulent@susi.test";
const REVIEWER = "redaktoer@susi.test";

async function newInitiative(status: "active" | "stopped" = "active") {
  return db().transaction().execute((trx) =>
    createInitiative(trx, {
      title: "Bedre overgang til voksenlivet", description: "", area: "adults", targetGroup: "Unge med handicap", agreementYears: [2022],
      track: 2, trackReason: "Varierer lokalt", prototypeDescription: "Forløb", phase: "trial", status, framework: "susi2",
    }, null, "2026-01-01T00:00:00.000Z"),
  );
}

const COMPLETE = {
  title: "Unge vil inddrages tidligt",
  summary: "Et ungepanel gjorde forløbet bedre.",
  bodyMarkdown: "## Erfaringer\n\nUngepanelet mødtes fire gange.",
  audiences: "municipalities",
  areas: "adults",
  newTopics: "handicap, unge",
  maturity: "preliminary",
};

async function createDraft(cookie: string, fields: Record<string, string> = COMPLETE) {
  const initiativeId = await newInitiative();
  const res = await outcome(newRoute.action(args(formRequest(`${BASE}/udgivelser/ny`, { initiativeId: String(initiativeId), phase: "trial", ...fields }, cookie))));
  expect(res.status).toBe(302);
  const id = Number(/\/udgivelser\/(\d+)$/.exec(res.location ?? "")?.[1]);
  expect(id).toBeGreaterThan(0);
  return { id, initiativeId };
}

/** A transition as the page posts it, already confirmed where it asks first (the confirmation step has its own test). */
async function act(id: number, fields: Record<string, string>, cookie: string) {
  const r = await getRelease(db(), id);
  return outcome(pageRoute.action(args(formRequest(`${BASE}/udgivelser/${id}`, { version: String(r?.version), confirmed: "yes", ...fields }, cookie), { id: String(id) })));
}

async function counts() {
  return { releases: await count("releases"), history: await count("history"), outbox: await count("outbox"), notices: await count("release_notices") };
}

async function subscriber(email: string, opts: { adults?: boolean; children?: boolean } = { adults: true }) {
  await db().insertInto("subscribers").values({
    email, municipality_code: "101", follows_adults: opts.adults ? 1 : 0, follows_children: opts.children ? 1 : 0,
    frequency: "immediate", status: "confirmed", confirm_token_hash: randomBytes(16).toString("hex"),
    created_at: "2026-01-01T00:00:00.000Z", confirmed_at: "2026-01-01T00:00:00.000Z",
  } as any).execute();
}

describe("access", () => {
  it.each<Role>(["program_manager", "steering_group", "admin"])("refuses a %s with 403 everywhere and writes nothing", async (role) => {
    const staff = await sessionCookieForEmail(AUTHOR);
    const { id, initiativeId } = await createDraft(staff);
    const cookie = await sessionCookieFor(role);
    const before = await counts();
    expect((await outcome(listRoute.loader(args(get("/udgivelser", cookie))))).status).toBe(403);
    expect((await outcome(newRoute.loader(args(get(`/udgivelser/ny?initiative=${initiativeId}`, cookie))))).status).toBe(403);
    expect((await outcome(pageRoute.loader(args(get(`/udgivelser/${id}`, cookie), { id: String(id) })))).status).toBe(403);
    expect((await outcome(editRoute.loader(args(get(`/udgivelser/${id}/rediger`, cookie), { id: String(id) })))).status).toBe(403);
    expect((await outcome(newRoute.action(args(formRequest(`${BASE}/udgivelser/ny`, { initiativeId: String(initiativeId), phase: "trial", ...COMPLETE }, cookie))))).status).toBe(403);
    expect((await act(id, { intent: "submit" }, cookie)).status).toBe(403);
    expect((await outcome(editRoute.action(args(formRequest(`${BASE}/udgivelser/${id}/rediger`, { version: "1", ...COMPLETE }, cookie), { id: String(id) })))).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("lets a program manager who also holds the knowledge-staff role write, submit and review releases", async () => {
    const pm = await getUserByEmail(db(), "programleder@susi.test");
    await setUserRoles(db(), pm!.id, ["program_manager", "knowledge_staff"]);
    const cookie = await sessionCookieForEmail("programleder@susi.test");
    expect((await outcome(listRoute.loader(args(get("/udgivelser", cookie))))).status).toBe(200);
    const { id } = await createDraft(cookie);
    expect(await getRelease(db(), id)).toMatchObject({ status: "draft", author_id: pm!.id });
    expect((await act(id, { intent: "submit" }, cookie)).status).toBe(302);
    // The four-eyes rule still holds between the roles: someone else reviews, and the author may not.
    expect((await act(id, { intent: "approve" }, cookie)).status).toBe(409);
    const { id: other } = await createDraft(await sessionCookieForEmail(AUTHOR));
    expect((await act(other, { intent: "submit" }, await sessionCookieForEmail(AUTHOR))).status).toBe(302);
    expect((await act(other, { intent: "approve" }, cookie)).status).toBe(302);
    expect(await getRelease(db(), other)).toMatchObject({ status: "published" });
  });

  it("sends someone not logged in to the login page", async () => {
    const res = await outcome(listRoute.loader(args(get("/udgivelser"))));
    expect(res).toMatchObject({ status: 302, location: "/login?redirectTo=%2Fudgivelser" });
  });

  it("answers 404 for an unknown release or initiative", async () => {
    const cookie = await sessionCookieForEmail(AUTHOR);
    expect((await outcome(pageRoute.loader(args(get("/udgivelser/999999", cookie), { id: "999999" })))).status).toBe(404);
    expect((await outcome(newRoute.loader(args(get("/udgivelser/ny?initiative=999999", cookie))))).status).toBe(404);
    expect((await outcome(newRoute.loader(args(get("/udgivelser/ny?initiative=abc", cookie))))).status).toBe(400);
  });
});

describe("starting a release from an initiative's phase", () => {
  it("prefills the draft with the initiative, the phase and the assessment's key findings", async () => {
    const cookie = await sessionCookieForEmail(AUTHOR);
    const initiativeId = await newInitiative();
    const now = "2026-02-01T12:00:00.000Z";
    const { id: assessmentId } = await db().insertInto("assessments").values({
      initiative_id: initiativeId, from_phase: "trial", to_phase: "dissemination", status: "submitted",
      overall_assessment: "Ungepanelet forbedrede forløbet.", recommendation: "Udbredes", created_at: now, submitted_at: now,
    }).returning("id").executeTakeFirstOrThrow();
    await db().insertInto("assessment_judgements").values({
      assessment_id: assessmentId, criterion_id: "toDissemination.in_demand", judgement: "partly_met", evidence: "Interviews",
      evidence_level: "3", justification: "Tre kommuner har spurgt", assessed_at: now,
    }).execute();

    const res = await outcome(newRoute.loader(args(get(`/udgivelser/ny?initiative=${initiativeId}&phase=trial`, cookie))));
    expect(res.status).toBe(200);
    const draft = res.data.draft;
    expect(draft.title).toContain("Bedre overgang til voksenlivet");
    // Only public facts go into what will be public; the assessment's texts are offered beside the editor.
    expect(draft.bodyMarkdown).toContain("**Fase:** Afprøvning");
    for (const internal of ["Ungepanelet forbedrede forløbet.", "Udbredes", "Tre kommuner har spurgt", "Delvist opfyldt"]) {
      expect(draft.bodyMarkdown).not.toContain(internal);
      expect(draft.summary).not.toContain(internal);
    }
    expect(res.data.internal.assessment).toMatchObject({ overall: "Ungepanelet forbedrede forløbet.", recommendation: "Udbredes" });
    expect(res.data.internal.assessment.criteria[0]).toMatchObject({ judgement: "Delvist opfyldt", justification: "Tre kommuner har spurgt" });
    expect(draft.areas).toEqual(["adults"]);
    expect(draft.maturity).toBe("tested");
    // The empty "Det kan kommuner og tilbud bruge" heading is not in the preview of the public page.
    expect(res.data.preview.html).not.toContain("Det kan kommuner og tilbud bruge");
    expect(res.data.preview.html).toContain("Om initiativet");
    // Writing prompts are comments: visible while editing, never on the public page if left in.
    expect(draft.bodyMarkdown).toContain("<!-- Skriv de vigtigste erfaringer");
    expect(renderMarkdown(draft.bodyMarkdown)).not.toContain("Skriv de vigtigste erfaringer");
    expect(res.data.phases).toEqual(["trial"]);
    // A phase the initiative never was in is refused.
    expect((await outcome(newRoute.loader(args(get(`/udgivelser/ny?initiative=${initiativeId}&phase=screening`, cookie))))).status).toBe(400);
  });

  it("creates a draft owned by its author and records it in the initiative's history", async () => {
    const cookie = await sessionCookieForEmail(AUTHOR);
    const { id, initiativeId } = await createDraft(cookie);
    const r = await getRelease(db(), id);
    const author = await getUserByEmail(db(), AUTHOR);
    expect(r).toMatchObject({ status: "draft", initiative_id: initiativeId, phase: "trial", author_id: author!.id, title: COMPLETE.title, maturity: "preliminary" });
    expect(r?.topics).toEqual(["handicap", "unge"]);
    const history = await db().selectFrom("history").select("action").where("initiative_id", "=", initiativeId).where("entity", "=", "release").execute();
    expect(history.map((h) => h.action)).toEqual(["release.created"]);
  });

  it.each([
    ["title", { ...COMPLETE, title: "" }, "error.required"],
    ["title", { ...COMPLETE, title: "x".repeat(201) }, "error.tooLong"],
    ["audiences", { ...COMPLETE, audiences: "ministries" }, "error.invalidChoice"],
    ["areas[0]", { ...COMPLETE, areas: "elderly" }, "error.invalidChoice"],
    ["areas", Object.fromEntries(Object.entries(COMPLETE).filter(([k]) => k !== "areas")), "releases.error.areas"],
    ["maturity", { ...COMPLETE, maturity: "proven" }, "error.invalidChoice"],
    ["newTopics", { ...COMPLETE, newTopics: "x".repeat(81) }, "releases.error.topicTooLong"],
    ["newTopics", { ...COMPLETE, newTopics: "angst, <b>unge</b>" }, "releases.error.topicChars"],
    ["topics", { ...COMPLETE, topics: "<b>" }, "releases.error.topicChars"],
  ])("answers 400 naming %s and writes nothing", async (field, fields, message) => {
    const cookie = await sessionCookieForEmail(AUTHOR);
    const initiativeId = await newInitiative();
    const before = await counts();
    const res = await outcome(newRoute.action(args(formRequest(`${BASE}/udgivelser/ny`, { initiativeId: String(initiativeId), phase: "trial", ...fields }, cookie))));
    expect(res.status).toBe(400);
    expect(res.data.result.error[field]).toEqual([message]);
    expect(await counts()).toEqual(before);
  });
});

describe("editing a draft", () => {
  it("answers 400 naming the field, and 409 to a stale version, writing nothing", async () => {
    const cookie = await sessionCookieForEmail(AUTHOR);
    const { id } = await createDraft(cookie);
    const edit = (fields: Record<string, string>) =>
      outcome(editRoute.action(args(formRequest(`${BASE}/udgivelser/${id}/rediger`, fields, cookie), { id: String(id) })));
    const before = await counts();
    const bad = await edit({ ...COMPLETE, version: "1", summary: "x".repeat(1001) });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error.summary).toEqual(["error.tooLong"]);
    expect(await counts()).toEqual(before);

    expect((await edit({ ...COMPLETE, version: "1", title: "Ny titel" })).status).toBe(302);
    const stale = await edit({ ...COMPLETE, version: "1", title: "Gammel formular" });
    expect(stale).toMatchObject({ status: 409, data: { conflict: true } });
    expect(await getRelease(db(), id)).toMatchObject({ title: "Ny titel", version: 2 });
  });

  it("makes a second knowledge-staff editor a contributor, who then may not review it", async () => {
    const author = await sessionCookieForEmail(AUTHOR);
    const other = await sessionCookieForEmail(REVIEWER);
    const { id } = await createDraft(author);
    const res = await outcome(editRoute.action(args(formRequest(`${BASE}/udgivelser/${id}/rediger`, { ...COMPLETE, version: "1", title: "Skarpere titel" }, other), { id: String(id) })));
    expect(res.status).toBe(302);
    expect((await act(id, { intent: "submit" }, author)).status).toBe(302);
    const refused = await act(id, { intent: "approve" }, other);
    expect(refused.status).toBe(409);
    expect(refused.data.refusals).toEqual(["Du har selv redigeret denne udgave og kan derfor ikke kvalitetssikre den."]);
  });
});

describe("review and publication", () => {
  it("refuses the author as reviewer with 409 naming the rule, and publishes when someone else approves", async () => {
    const author = await sessionCookieForEmail(AUTHOR);
    const reviewer = await sessionCookieForEmail(REVIEWER);
    await subscriber("kommune@example.dk");
    const { id } = await createDraft(author);
    expect((await act(id, { intent: "submit" }, author)).status).toBe(302);

    const before = await counts();
    const own = await act(id, { intent: "approve" }, author);
    expect(own.status).toBe(409);
    expect(own.data.refusals).toEqual(["Du kan ikke kvalitetssikre din egen udgivelse."]);
    expect(own.data.result.error[""]).toEqual(["Du kan ikke kvalitetssikre din egen udgivelse."]);
    expect(await counts()).toEqual(before);
    expect(await getRelease(db(), id)).toMatchObject({ status: "in_review" });

    const ok = await act(id, { intent: "approve" }, reviewer);
    expect(ok).toMatchObject({ status: 302, location: `/udgivelser/${id}` });
    const r = await getRelease(db(), id);
    expect(r).toMatchObject({ status: "published", slug: "unge-vil-inddrages-tidligt", force_published: 0 });
    expect(r?.reviewed_at).not.toBeNull();

    // The notice was queued in the same transaction, and the staff page shows the reach.
    const notice = await db().selectFrom("release_notices").selectAll().where("release_id", "=", id).executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ edition: 1, release_url: "http://localhost/viden/unge-vil-inddrages-tidligt" });
    const page = await outcome(pageRoute.loader(args(get(`/udgivelser/${id}`, author), { id: String(id) })));
    expect(page.data.reach).toBe(1);
    expect(page.data.article.html).toContain("<h3>Erfaringer</h3>");
  });

  it("asks before publishing and withdrawing: the first submit writes nothing and answers with the fields to post again", async () => {
    const author = await sessionCookieForEmail(AUTHOR);
    const reviewer = await sessionCookieForEmail(REVIEWER);
    await subscriber("spoerg@example.dk");
    const { id } = await createDraft(author);
    await act(id, { intent: "submit" }, author);
    const before = await counts();
    const asked = await act(id, { intent: "approve", confirmed: "" }, reviewer);
    expect(asked.status).toBe(200);
    expect(asked.data.confirm).toEqual(expect.arrayContaining([["intent", "approve"]]));
    expect(asked.data.confirm.map(([k]: [string]) => k)).not.toContain("confirmed");
    expect(await counts()).toEqual(before);
    expect(await getRelease(db(), id)).toMatchObject({ status: "in_review", slug: null });
    // A refusal is answered at once, not with the question (the transition is checked in full first).
    expect((await act(id, { intent: "approve", confirmed: "" }, author)).status).toBe(409);
    const done = await act(id, { intent: "approve", confirmed: "yes" }, reviewer);
    expect(done).toMatchObject({ status: 302, location: `/udgivelser/${id}` });
    expect(done.response!.headers.get("Set-Cookie")).toContain("susi_flash=");
    expect(await getRelease(db(), id)).toMatchObject({ status: "published" });

    const withdrawing = await act(id, { intent: "withdraw", reason: "Tallene var forkerte", confirmed: "" }, reviewer);
    expect(withdrawing.status).toBe(200);
    expect(withdrawing.data.confirm).toEqual(expect.arrayContaining([["intent", "withdraw"], ["reason", "Tallene var forkerte"]]));
    expect(await getRelease(db(), id)).toMatchObject({ status: "published" });
    const noReason = await act(id, { intent: "withdraw", reason: "", confirmed: "" }, reviewer);
    expect(noReason.status).toBe(409);
    expect((await act(id, { intent: "withdraw", reason: "Tallene var forkerte" }, reviewer)).status).toBe(302);
    expect(await getRelease(db(), id)).toMatchObject({ status: "withdrawn" });
  });

  it("refuses to submit an incomplete draft with 409 naming the missing field", async () => {
    const cookie = await sessionCookieForEmail(AUTHOR);
    const { id } = await createDraft(cookie, { title: "Kun en titel", areas: "adults" });
    const res = await act(id, { intent: "submit" }, cookie);
    expect(res.status).toBe(409);
    expect(res.data.refusals).toEqual([
      "Resumé skal udfyldes, før udgivelsen kan sendes videre.",
      "Målgrupper skal udfyldes, før udgivelsen kan sendes videre.",
      "Vidensniveau skal udfyldes, før udgivelsen kan sendes videre.",
    ]);
    expect(await getRelease(db(), id)).toMatchObject({ status: "draft", version: 1 });
  });

  it("returns a submission to draft only with a comment from the reviewer", async () => {
    const author = await sessionCookieForEmail(AUTHOR);
    const reviewer = await sessionCookieForEmail(REVIEWER);
    const { id } = await createDraft(author);
    await act(id, { intent: "submit" }, author);
    const silent = await act(id, { intent: "return" }, reviewer);
    expect(silent.status).toBe(409);
    expect(silent.data.result.error.comment).toEqual(["Skriv en kommentar til forfatteren om, hvad der skal rettes."]);
    expect((await act(id, { intent: "return", comment: "Mangler kilder" }, reviewer)).status).toBe(302);
    expect(await getRelease(db(), id)).toMatchObject({ status: "draft", return_comment: "Mangler kilder" });
  });

  it("requires a written reason to force-publish, shows it as not yet reviewed, and lets only someone else review it", async () => {
    const author = await sessionCookieForEmail(AUTHOR);
    const reviewer = await sessionCookieForEmail(REVIEWER);
    const { id } = await createDraft(author);
    const before = await counts();
    const noReason = await act(id, { intent: "force", reason: "   " }, author);
    expect(noReason.status).toBe(409);
    expect(noReason.data.refusals).toEqual(["Skriv en begrundelse for at udgive uden kvalitetssikring."]);
    expect(noReason.data.result.error.reason).toEqual(["Skriv en begrundelse for at udgive uden kvalitetssikring."]);
    expect(await counts()).toEqual(before);

    expect((await act(id, { intent: "force", reason: "Budgetforhandlingerne er i næste uge" }, author)).status).toBe(302);
    let page = await outcome(pageRoute.loader(args(get(`/udgivelser/${id}`, author), { id: String(id) })));
    expect(page.data.notYetReviewed).toBe(true);
    expect(page.data.release).toMatchObject({ status: "published", force_reason: "Budgetforhandlingerne er i næste uge" });

    const self = await act(id, { intent: "review_after_force" }, author);
    expect(self.status).toBe(409);
    expect(self.data.refusals).toEqual(["Du kan ikke kvalitetssikre din egen udgivelse."]);
    expect((await act(id, { intent: "review_after_force" }, reviewer)).status).toBe(302);
    page = await outcome(pageRoute.loader(args(get(`/udgivelser/${id}`, author), { id: String(id) })));
    expect(page.data.notYetReviewed).toBe(false);
  });

  it("answers 409 to a stale version and 400 to an unknown intent", async () => {
    const cookie = await sessionCookieForEmail(AUTHOR);
    const { id } = await createDraft(cookie);
    const stale = await outcome(pageRoute.action(args(formRequest(`${BASE}/udgivelser/${id}`, { intent: "submit", version: "7" }, cookie), { id: String(id) })));
    expect(stale).toMatchObject({ status: 409, data: { conflict: true, intent: "submit" } });
    const unknown = await act(id, { intent: "delete" }, cookie);
    expect(unknown.status).toBe(400);
    expect(unknown.data.result.error.intent).toBeDefined();
    expect(await getRelease(db(), id)).toMatchObject({ status: "draft", version: 1 });
  });
});

describe("editions and withdrawal", () => {
  async function published() {
    const author = await sessionCookieForEmail(AUTHOR);
    const reviewer = await sessionCookieForEmail(REVIEWER);
    const { id } = await createDraft(author);
    await act(id, { intent: "submit" }, author);
    await act(id, { intent: "approve" }, reviewer);
    return { id, author, reviewer };
  }

  async function edition(previousId: number, kind: "major" | "minor", author: string, reviewer: string) {
    const started = await act(previousId, { intent: "new_edition", kind }, author);
    expect(started.status).toBe(302);
    const id = Number(/\/udgivelser\/(\d+)\/rediger$/.exec(started.location ?? "")?.[1]);
    if (kind === "major") {
      const saved = await outcome(editRoute.action(args(formRequest(`${BASE}/udgivelser/${id}/rediger`, {
        ...COMPLETE, version: "1", editionKind: "major", changeNote: "Nye tal fra tre kommuner.",
      }, author), { id: String(id) })));
      expect(saved.status).toBe(302);
    }
    await act(id, { intent: "submit" }, author);
    expect((await act(id, { intent: "approve" }, reviewer)).status).toBe(302);
    return id;
  }

  it("a minor edition supersedes silently, a major one notifies; the old edition points at the newest", async () => {
    await subscriber("kommune@example.dk");
    const { id: first, author, reviewer } = await published();
    expect((await act(first, { intent: "new_edition" }, author)).data.result.error.kind).toEqual(["releases.error.editionKind"]);

    const second = await edition(first, "minor", author, reviewer);
    expect(await getRelease(db(), first)).toMatchObject({ status: "superseded", superseded_by_id: second });
    expect(await getRelease(db(), second)).toMatchObject({ status: "published", edition: 2, edition_kind: "minor", slug: "unge-vil-inddrages-tidligt-udgave-2" });
    const notices = async (releaseId: number) =>
      Number((await db().selectFrom("release_notices").select((eb) => eb.fn.countAll<number>().as("n")).where("release_id", "=", releaseId).executeTakeFirstOrThrow()).n);
    expect(await notices(second)).toBe(0);

    const third = await edition(second, "major", reviewer, author);
    expect(await notices(third)).toBe(1);
    expect(await getRelease(db(), first)).toMatchObject({ status: "superseded", superseded_by_id: third });
    expect(await getRelease(db(), second)).toMatchObject({ status: "superseded", superseded_by_id: third });
  });

  it("opens the edition already under way instead of starting a second", async () => {
    const { id, author } = await published();
    const a = await act(id, { intent: "new_edition", kind: "minor" }, author);
    const b = await act(id, { intent: "new_edition", kind: "major" }, author);
    expect(b.location).toBe(a.location!.replace(/\/rediger$/, ""));
  });

  it("withdraws only with a reason, which is kept for the public page", async () => {
    const { id, reviewer } = await published();
    const silent = await act(id, { intent: "withdraw", reason: "" }, reviewer);
    expect(silent.status).toBe(409);
    expect(silent.data.refusals).toEqual(["Skriv en begrundelse for tilbagetrækningen. Den vises offentligt."]);
    expect((await act(id, { intent: "withdraw", reason: "Tallene var forkerte" }, reviewer)).status).toBe(302);
    expect(await getRelease(db(), id)).toMatchObject({ status: "withdrawn", withdrawn_reason: "Tallene var forkerte" });
    const again = await act(id, { intent: "withdraw", reason: "Igen" }, reviewer);
    expect(again.status).toBe(409);
    expect(again.data.refusals[0]).toContain("Trukket tilbage");
  });
});

describe("the staff list", () => {
  it("shows what awaits my review and drafts asked for by a steering group", async () => {
    const author = await sessionCookieForEmail(AUTHOR);
    const reviewer = await sessionCookieForEmail(REVIEWER);
    const { id } = await createDraft(author);
    await act(id, { intent: "submit" }, author);
    const mine = await outcome(listRoute.loader(args(get("/udgivelser?view=to_review", author))));
    expect(mine.data.rows.map((r: any) => r.id)).toEqual([]);
    const theirs = await outcome(listRoute.loader(args(get("/udgivelser?view=to_review", reviewer))));
    expect(theirs.data.rows.map((r: any) => r.id)).toEqual([id]);
    expect((await outcome(listRoute.loader(args(get("/udgivelser?view=everything", reviewer))))).status).toBe(400);
  });
});

describe("fast track from the steering group's decision", () => {
  async function decide(initiativeId: number, fields: Record<string, string>) {
    const { action } = await import("~/routes/initiativer.$id.beslutning/route");
    const cookie = await sessionCookieFor("steering_group");
    const meetingId = await meetingFor(initiativeId);
    return outcome(action(args(formRequest(`${BASE}/initiativer/${initiativeId}/beslutning`, { version: "1", meetingId, confirmed: "yes", ...fields }, cookie), { id: String(initiativeId) })));
  }

  it("a Stop with 'release now = yes' creates an authorless draft linked to the decision, in the same transaction", async () => {
    const initiativeId = await newInitiative();
    const res = await decide(initiativeId, { outcome: "stop", rationale: "Indsatsen kunne ikke implementeres", releaseNow: "yes" });
    expect(res.status).toBe(302);
    const decision = await db().selectFrom("decisions").select(["id", "decided_by"]).where("initiative_id", "=", initiativeId).executeTakeFirstOrThrow();
    const release = await db().selectFrom("releases").selectAll().where("decision_id", "=", decision.id).executeTakeFirstOrThrow();
    expect(release).toMatchObject({
      status: "draft", initiative_id: initiativeId, phase: "trial", author_id: null, requested_by_id: decision.decided_by, area: "adults",
      title: "Bedre overgang til voksenlivet: det lærte vi, og derfor stoppede vi",
    });
    expect(release.body_md).toContain("**Styregruppens beslutning:** Stop");
    // The group's rationale is internal: beside the editor, never in the draft's public text.
    expect(release.body_md).not.toContain("Indsatsen kunne ikke implementeres");
    const editor = await outcome(editRoute.loader(args(get(`/udgivelser/${release.id}/rediger`, await sessionCookieForEmail(AUTHOR)), { id: String(release.id) })));
    expect(editor.data.internal.decision).toMatchObject({ outcome: "Stop", rationale: "Indsatsen kunne ikke implementeres" });
    expect(editor.data.preview.html).not.toContain("Indsatsen kunne ikke implementeres");

    // Knowledge staff take it on: whoever submits first becomes the author, and someone else reviews.
    const author = await sessionCookieForEmail(AUTHOR);
    const reviewer = await sessionCookieForEmail(REVIEWER);
    const edit = await outcome(editRoute.action(args(formRequest(`${BASE}/udgivelser/${release.id}/rediger`, {
      ...COMPLETE, version: "1", title: release.title,
    }, author), { id: String(release.id) })));
    expect(edit.status).toBe(302);
    expect((await act(release.id, { intent: "submit" }, author)).status).toBe(302);
    expect((await act(release.id, { intent: "approve" }, author)).status).toBe(409);
    expect((await act(release.id, { intent: "approve" }, reviewer)).status).toBe(302);
    const authorId = (await getUserByEmail(db(), AUTHOR))!.id;
    expect(await getRelease(db(), release.id)).toMatchObject({ status: "published", author_id: authorId });
  });

  it("'no', or no answer from an older form, creates nothing; any other answer is a 400 and records no decision", async () => {
    const a = await newInitiative();
    expect((await decide(a, { outcome: "stop", rationale: "Stop", releaseNow: "no" })).status).toBe(302);
    const b = await newInitiative();
    expect((await decide(b, { outcome: "stop", rationale: "Stop" })).status).toBe(302);
    const c = await newInitiative();
    const bad = await decide(c, { outcome: "stop", rationale: "Stop", releaseNow: "maybe" });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error.releaseNow).toEqual(["releases.fastTrack.invalid"]);
    const decisions = await db().selectFrom("decisions").select("initiative_id").where("initiative_id", "in", [a, b, c]).execute();
    expect(decisions.map((d) => d.initiative_id).sort()).toEqual([a, b].sort());
    expect(await db().selectFrom("releases").select("id").where("initiative_id", "in", [a, b, c]).execute()).toEqual([]);
  });
});

function multiRequest(url: string, pairs: [string, string][], cookie: string) {
  return new Request(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie }, body: new URLSearchParams(pairs) });
}

describe("the editor's preview (issue 13)", () => {
  it("answers the public page's rendering of the form as typed, and writes nothing (new and edit)", async () => {
    const cookie = await sessionCookieForEmail(AUTHOR);
    const initiativeId = await newInitiative();
    const before = await counts();
    const body = "## Erfaringer\n\nBrug **ungepanelet**.\n\n## Det kan kommuner og tilbud bruge\n\n<!-- prompt -->\n\n<script>alert(1)</script>";
    const res = await outcome(newRoute.action(args(formRequest(`${BASE}/udgivelser/ny`, {
      initiativeId: String(initiativeId), phase: "trial", intent: "preview", title: "", bodyMarkdown: body, areas: "children",
    }, cookie))));
    expect(res.status).toBe(200);
    expect(res.data.preview.html).toBe(renderMarkdown(body));
    expect(res.data.preview.html).toContain("<strong>ungepanelet</strong>");
    expect(res.data.preview.html).not.toContain("Det kan kommuner og tilbud bruge");
    expect(res.data.preview.html).not.toContain("script");
    expect(res.data.preview.facts).toMatchObject({ areas: ["children"], phase: "trial", initiativeTitle: "Bedre overgang til voksenlivet" });
    // The form keeps what was typed and shows no errors (a preview is not a save), though the title is empty.
    expect(res.data.result.error).toEqual({});
    expect(res.data.result.initialValue.bodyMarkdown).toBe(body);
    expect(await counts()).toEqual(before);

    const { id } = await createDraft(cookie);
    const saved = await counts();
    const edit = await outcome(editRoute.action(args(formRequest(`${BASE}/udgivelser/${id}/rediger`, {
      ...COMPLETE, version: "1", intent: "preview", title: "Ny titel, ikke gemt", summary: "x".repeat(5000),
    }, cookie), { id: String(id) })));
    expect(edit.status).toBe(200);
    expect(edit.data.preview.title).toBe("Ny titel, ikke gemt");
    expect(edit.data.preview.summary).toHaveLength(1000);
    expect(await counts()).toEqual(saved);
    expect(await getRelease(db(), id)).toMatchObject({ title: COMPLETE.title, version: 1 });
    // An unknown release is still a 404.
    expect((await outcome(editRoute.action(args(formRequest(`${BASE}/udgivelser/999999/rediger`, { intent: "preview" }, cookie), { id: "999999" })))).status).toBe(404);
  });
});

describe("topics and areas (issue 13)", () => {
  it("keeps a topic as first typed, matches it case-insensitively, and offers it to the next writer", async () => {
    const cookie = await sessionCookieForEmail(AUTHOR);
    const { id: first } = await createDraft(cookie, { ...COMPLETE, newTopics: "MOVE, Angst" });
    expect((await getRelease(db(), first))?.topics).toEqual(["Angst", "MOVE"]);
    const { id: second } = await createDraft(cookie, { ...COMPLETE, newTopics: "move,  angst , bostøtte" });
    expect((await getRelease(db(), second))?.topics).toEqual(["Angst", "bostøtte", "MOVE"]);
    const editor = await outcome(editRoute.loader(args(get(`/udgivelser/${second}/rediger`, cookie), { id: String(second) })));
    expect(editor.data.knownTopics).toEqual(expect.arrayContaining(["Angst", "MOVE", "bostøtte"]));
    expect(editor.data.knownTopics).not.toContain("move");
  });

  it("stores both areas when both are chosen", async () => {
    const cookie = await sessionCookieForEmail(AUTHOR);
    const initiativeId = await newInitiative();
    const pairs: [string, string][] = [
      ["initiativeId", String(initiativeId)], ["phase", "trial"], ["title", "Handicap på tværs"], ["summary", "S"], ["audiences", "municipalities"],
      ["areas", "children"], ["areas", "adults"], ["maturity", "tested"],
    ];
    const res = await outcome(newRoute.action(args(multiRequest(`${BASE}/udgivelser/ny`, pairs, cookie))));
    expect(res.status).toBe(302);
    const id = Number(/\/udgivelser\/(\d+)$/.exec(res.location ?? "")?.[1]);
    expect(await getRelease(db(), id)).toMatchObject({ areas: ["adults", "children"], area: "adults" });
  });
});

describe("change notes (issue 13)", () => {
  it("a major edition cannot be saved without one (400 naming the field, nothing written); it reaches the page and the notice", async () => {
    await subscriber("aendring@example.dk");
    const author = await sessionCookieForEmail(AUTHOR);
    const reviewer = await sessionCookieForEmail(REVIEWER);
    const { id } = await createDraft(author);
    await act(id, { intent: "submit" }, author);
    await act(id, { intent: "approve" }, reviewer);
    const started = await act(id, { intent: "new_edition", kind: "major" }, author);
    const next = Number(/\/udgivelser\/(\d+)\/rediger$/.exec(started.location ?? "")?.[1]);
    const edit = (fields: Record<string, string>) =>
      outcome(editRoute.action(args(formRequest(`${BASE}/udgivelser/${next}/rediger`, { ...COMPLETE, version: "1", editionKind: "major", ...fields }, author), { id: String(next) })));
    const before = await counts();
    const bad = await edit({ changeNote: "  " });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error.changeNote).toEqual(["releases.error.changeNoteRequired"]);
    expect(await counts()).toEqual(before);
    // Submitting the unchanged draft is refused by the workflow, naming the field.
    const submit = await act(next, { intent: "submit" }, author);
    expect(submit.status).toBe(409);
    expect(submit.data.refusals).toEqual(["Hvad er ændret skal udfyldes, før udgivelsen kan sendes videre."]);

    expect((await edit({ changeNote: "Tallene for 2026 er kommet med." })).status).toBe(302);
    await act(next, { intent: "submit" }, author);
    expect((await act(next, { intent: "approve" }, reviewer)).status).toBe(302);
    const { loader } = await import("~/routes/viden.$slugOrId/route");
    const r = await getRelease(db(), next);
    const page = await outcome(loader(args(get(`/viden/${r!.slug}`), { slugOrId: r!.slug! })));
    expect(page.data.article.changeNote).toBe("Tallene for 2026 er kommet med.");
    const row = await db().selectFrom("outbox").select("payload").where("release_id", "=", next).where("kind", "=", "notice").executeTakeFirstOrThrow();
    expect(JSON.parse(row.payload).release.changeNote).toBe("Tallene for 2026 er kommet med.");
  });
});

describe("scheduled publication (issue 13)", () => {
  it("the reviewer approves for a time; the due check publishes it then and queues the notices", async () => {
    await subscriber("planlagt@example.dk");
    const author = await sessionCookieForEmail(AUTHOR);
    const reviewer = await sessionCookieForEmail(REVIEWER);
    const { id } = await createDraft(author);
    await act(id, { intent: "submit" }, author);
    const before = await counts();
    expect((await act(id, { intent: "schedule", publishAt: "24-12-2099 09:00" }, reviewer)).data.result.error.publishAt).toEqual(["releases.error.publishAt"]);
    const past = await act(id, { intent: "schedule", publishAt: "2020-01-01T09:00" }, reviewer);
    expect(past.status).toBe(409);
    expect(past.data.result.error.publishAt).toEqual(["Tidspunktet for udgivelsen skal ligge i fremtiden."]);
    expect((await act(id, { intent: "schedule", publishAt: "2099-12-24T09:00" }, author)).status).toBe(409);
    expect(await counts()).toEqual(before);

    // 09:00 Danish winter time is 08:00 UTC.
    expect((await act(id, { intent: "schedule", publishAt: "2099-12-24T09:00" }, reviewer)).status).toBe(302);
    const reviewerId = (await getUserByEmail(db(), REVIEWER))!.id;
    expect(await getRelease(db(), id)).toMatchObject({ status: "in_review", scheduled_at: "2099-12-24T08:00:00.000Z", reviewer_id: reviewerId });
    const list = await outcome(listRoute.loader(args(get("/udgivelser", author))));
    expect(list.data.rows.find((r: any) => r.id === id)).toMatchObject({ scheduled_at: "2099-12-24T08:00:00.000Z" });

    const { publishDueReleases } = await import("~/utils/release-publish.server");
    expect(await publishDueReleases(db(), "2099-12-24T07:59:00.000Z", "http://localhost")).toBe(0);
    expect(await getRelease(db(), id)).toMatchObject({ status: "in_review" });
    expect(await publishDueReleases(db(), "2099-12-24T08:00:10.000Z", "http://localhost")).toBe(1);
    expect(await getRelease(db(), id)).toMatchObject({ status: "published", published_at: "2099-12-24T08:00:10.000Z", reviewer_id: reviewerId, scheduled_at: null });
    expect(await count("release_notices")).toBe(before.notices + 1);
    const history = await db().selectFrom("history").select(["action", "actor_id"]).where("entity", "=", "release").where("entity_id", "=", id).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(history).toEqual({ action: "release.published_on_schedule", actor_id: reviewerId });
    expect(await publishDueReleases(db(), "2099-12-25T08:00:00.000Z", "http://localhost")).toBe(0);
  });

  it("can be cancelled, which leaves the release in review awaiting approval", async () => {
    const author = await sessionCookieForEmail(AUTHOR);
    const reviewer = await sessionCookieForEmail(REVIEWER);
    const { id } = await createDraft(author);
    await act(id, { intent: "submit" }, author);
    await act(id, { intent: "schedule", publishAt: "2099-06-01T09:00" }, reviewer);
    expect(await getRelease(db(), id)).toMatchObject({ scheduled_at: "2099-06-01T07:00:00.000Z" });
    expect((await act(id, { intent: "cancel_schedule" }, author)).status).toBe(302);
    expect(await getRelease(db(), id)).toMatchObject({ status: "in_review", scheduled_at: null, reviewer_id: null });
    expect((await act(id, { intent: "cancel_schedule" }, author)).status).toBe(409);
  });
});

describe("withdrawal notices (issue 13)", () => {
  it("go through the outbox to the subscribers who were told, with the reason; nobody else", async () => {
    await subscriber("fik-besked@example.dk");
    await subscriber("boern@example.dk", { children: true });
    const author = await sessionCookieForEmail(AUTHOR);
    const reviewer = await sessionCookieForEmail(REVIEWER);
    const { id } = await createDraft(author);
    await act(id, { intent: "submit" }, author);
    await act(id, { intent: "approve" }, reviewer);
    // The notice has been delivered (as the worker marks it); one who subscribes later was never told.
    await db().updateTable("outbox").set({ status: "sent", sent_at: "2026-12-01T10:00:00.000Z" }).where("release_id", "=", id).execute();
    await subscriber("senere@example.dk");
    expect((await act(id, { intent: "withdraw", reason: "Tallene var forkerte" }, reviewer)).status).toBe(302);
    const rows = await db().selectFrom("outbox").select(["recipient", "payload", "status"]).where("kind", "=", "withdrawal").where("release_id", "=", id).execute();
    expect(rows.map((r) => r.recipient)).toEqual(["fik-besked@example.dk"]);
    expect(JSON.parse(rows[0].payload).withdrawal).toMatchObject({ title: COMPLETE.title, reason: "Tallene var forkerte", url: "http://localhost/viden/unge-vil-inddrages-tidligt" });
    expect(rows[0].status).toBe("pending");
  });

  it("a notice not yet sent is cancelled instead, and that subscriber gets no withdrawal mail", async () => {
    await subscriber("ikke-sendt@example.dk");
    const author = await sessionCookieForEmail(AUTHOR);
    const reviewer = await sessionCookieForEmail(REVIEWER);
    const { id } = await createDraft(author);
    await act(id, { intent: "submit" }, author);
    await act(id, { intent: "approve" }, reviewer);
    await act(id, { intent: "withdraw", reason: "Forkert" }, reviewer);
    const rows = await db().selectFrom("outbox").select(["kind", "status"]).where("release_id", "=", id).execute();
    expect(rows).toEqual([{ kind: "notice", status: "cancelled" }]);
  });
});
