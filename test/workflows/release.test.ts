// The knowledge-release workflow as knowledge staff drive it: every transition from every status, four eyes,
// force-publish and its later review, editions and who gets notified, withdrawal and the public page.
import { describe, expect, it } from "vitest";
import {
  RELEASE_STATUSES,
  cancelSchedule,
  changeNoteRefusals,
  isDue,
  publishWhenDue,
  schedulePublication,
  approveAndPublish,
  editDraft,
  forcePublish,
  mayActOnReleases,
  notYetReviewed,
  publicView,
  publishEdition,
  returnToDraft,
  reviewAfterForce,
  startNewEdition,
  startRelease,
  submitForReview,
  supersede,
  validateReleaseContent,
  withdraw,
  type Actor,
  type ReleaseContent,
  type ReleaseResult,
  type ReleaseState,
  type ReleaseStatus,
} from "../../workflows/release";

const author: Actor = { id: 1, role: "knowledge_staff" };
const reviewer: Actor = { id: 2, role: "knowledge_staff" };
const colleague: Actor = { id: 3, role: "knowledge_staff" };
const T0 = "2026-12-01T09:00:00.000Z";
const T1 = "2026-12-02T09:00:00.000Z";
const T2 = "2026-12-03T09:00:00.000Z";

const content: ReleaseContent = {
  title: "Tidlig indsats virker for unge med angst",
  summary: "Foreløbige resultater fra afprøvningen i fem kommuner.",
  bodyMarkdown: "## Hvad vi ved\n\nTre ud af fire unge ...",
  audiences: ["municipalities", "social_services"],
  areas: ["children"],
  topics: ["angst", "unge"],
  maturity: "preliminary",
  changeNote: "",
};

/** A major edition's draft with its change note written (it may not be submitted without one). */
const noted = (s: ReleaseState): ReleaseState => ({ ...s, content: { ...s.content, changeNote: "Nye tal fra tre kommuner." } });

function value(result: ReleaseResult, what = "transition"): ReleaseState {
  if (!result.ok) throw new Error(`${what} refused: ${JSON.stringify(result.refusals)}`);
  return result.value;
}

const draft = () => value(startRelease(author, content), "start");
const inReview = () => value(submitForReview(draft(), author, T0), "submit");
const published = () => value(approveAndPublish(inReview(), reviewer, T1), "approve");
const forced = () => value(forcePublish(draft(), author, "Kommunerne skal bruge det før budgetforhandlingerne", T1), "force");

/** Edition 1 superseded by edition 2 (id 20); `from` decides whether edition 1 was force-published. */
function superseded(from: () => ReleaseState = published): ReleaseState {
  const first = from();
  const next = value(submitForReview(noted(value(startNewEdition(first, colleague, "major"))), colleague, T1));
  const result = publishEdition(next, first, 20, reviewer, { mode: "review" }, T2);
  if (!result.ok) throw new Error(JSON.stringify(result.refusals));
  return result.previous;
}

const withdrawn = (from: () => ReleaseState = published) => value(withdraw(from(), author, "Tallene var forkerte", T2));

const STATES: Record<ReleaseStatus, () => ReleaseState> = {
  draft,
  in_review: inReview,
  published,
  superseded: () => superseded(),
  withdrawn: () => withdrawn(),
};

// reviewAfterForce only has something to do on a release that was forced out.
const FORCED_STATES: Record<ReleaseStatus, () => ReleaseState> = {
  draft,
  in_review: inReview,
  published: forced,
  superseded: () => superseded(forced),
  withdrawn: () => withdrawn(forced),
};

interface Transition {
  name: string;
  allowed: ReleaseStatus[];
  to: ReleaseStatus | "unchanged";
  forced?: boolean;
  run: (state: ReleaseState, actor?: Actor) => ReleaseResult;
}

const TRANSITIONS: Transition[] = [
  { name: "editDraft", allowed: ["draft"], to: "draft", run: (s, a = author) => editDraft(s, a, { content: { ...content, title: "Ny titel" } }) },
  { name: "submitForReview", allowed: ["draft"], to: "in_review", run: (s, a = author) => submitForReview(s, a, T1) },
  { name: "returnToDraft", allowed: ["in_review"], to: "draft", run: (s, a = reviewer) => returnToDraft(s, a, "Mangler kilder") },
  { name: "approveAndPublish", allowed: ["in_review"], to: "published", run: (s, a = reviewer) => approveAndPublish(s, a, T1) },
  { name: "forcePublish", allowed: ["draft", "in_review"], to: "published", run: (s, a = author) => forcePublish(s, a, "Akut", T1) },
  {
    name: "reviewAfterForce",
    allowed: ["published", "superseded"],
    to: "unchanged",
    forced: true,
    run: (s, a = colleague) => reviewAfterForce(s, a, T2),
  },
  { name: "startNewEdition", allowed: ["published"], to: "draft", run: (s, a = author) => startNewEdition(s, a, "minor") },
  { name: "withdraw", allowed: ["published"], to: "withdrawn", run: (s, a = author) => withdraw(s, a, "Forældet", T2) },
];

describe("every transition from every status", () => {
  const cases = TRANSITIONS.flatMap((t) => RELEASE_STATUSES.map((status) => ({ t, status })));
  it.each(cases.map((c) => [c.t.name, c.status, c.t.allowed.includes(c.status) ? "allowed" : "refused", c] as const))(
    "%s from %s is %s",
    (_name, status, _verdict, { t }) => {
      const state = (t.forced ? FORCED_STATES : STATES)[status]();
      expect(state.status).toBe(status);
      const result = t.run(state);
      if (t.allowed.includes(status)) {
        const next = value(result, t.name);
        expect(next.status).toBe(t.to === "unchanged" ? status : t.to);
      } else {
        expect(result).toEqual({ ok: false, refusals: [{ code: "wrong_status", status, allowed: t.allowed }] });
      }
    },
  );
});

describe("who may act", () => {
  const outsiders: Actor[] = [
    { id: 7, role: "admin" },
    { id: 8, role: "program_manager" },
    { id: 9, role: "steering_group" },
  ];
  it.each(outsiders.map((a) => [a.role, a] as const))("%s may not start a release", (role, actor) => {
    expect(startRelease(actor, content)).toEqual({ ok: false, refusals: [{ code: "not_knowledge_staff", role }] });
    expect(mayActOnReleases(actor)).toBe(false);
  });

  const cases = TRANSITIONS.flatMap((t) => outsiders.map((a) => [t.name, a.role, t, a] as const));
  it.each(cases)("%s by %s is refused before anything else", (_name, role, t, actor) => {
    const state = (t.forced ? FORCED_STATES : STATES)[t.allowed[0]]();
    expect(t.run(state, actor)).toEqual({ ok: false, refusals: [{ code: "not_knowledge_staff", role }] });
  });

  it("knowledge staff may", () => {
    expect(mayActOnReleases({ role: "knowledge_staff" })).toBe(true);
    expect(mayActOnReleases(null)).toBe(false);
  });

  it("a program manager who also holds the knowledge-staff role may; the primary role alone decides nothing", () => {
    const both: Actor = { id: 10, role: "program_manager", roles: ["program_manager", "knowledge_staff"] };
    expect(mayActOnReleases(both)).toBe(true);
    expect(startRelease(both, content).ok).toBe(true);
    expect(mayActOnReleases({ role: "knowledge_staff", roles: ["program_manager"] })).toBe(false);
  });
});

describe("review by someone other than the author", () => {
  it("refuses the author as reviewer", () => {
    expect(approveAndPublish(inReview(), author, T1)).toEqual({ ok: false, refusals: [{ code: "reviewer_is_author", as: "author" }] });
  });

  it("refuses a colleague who edited the draft, as a contributor", () => {
    const edited = value(editDraft(draft(), colleague, { content: { ...content, summary: "Rettet resumé." } }));
    expect(edited.contributorIds).toEqual([colleague.id]);
    const submitted = value(submitForReview(edited, author, T0));
    expect(approveAndPublish(submitted, colleague, T1)).toEqual({
      ok: false,
      refusals: [{ code: "reviewer_is_author", as: "contributor" }],
    });
    expect(value(approveAndPublish(submitted, reviewer, T1)).reviewerId).toBe(reviewer.id);
  });

  it("the author editing their own draft does not become a contributor", () => {
    expect(value(editDraft(draft(), author, { content })).contributorIds).toEqual([]);
  });

  it("publishes with reviewer and time recorded, notifies subscribers, and is not flagged as unreviewed", () => {
    const result = approveAndPublish(inReview(), reviewer, T1);
    expect(result.ok && result.notify).toBe(true);
    const state = value(result);
    expect(state).toMatchObject({ status: "published", reviewerId: reviewer.id, reviewedAt: T1, publishedAt: T1, forcePublished: false });
    expect(notYetReviewed(state)).toBe(false);
  });

  it("checks content again at approval and reports every field problem at once, along with authorship", () => {
    const broken: ReleaseState = { ...inReview(), content: { ...content, title: " ", maturity: null } };
    expect(approveAndPublish(broken, author, T1)).toEqual({
      ok: false,
      refusals: [
        { code: "reviewer_is_author", as: "author" },
        { code: "field_missing", field: "title" },
        { code: "field_missing", field: "maturity" },
      ],
    });
  });
});

describe("submitting and sending back", () => {
  it("refuses to submit incomplete content, field by field", () => {
    const incomplete = value(startRelease(author, { ...content, summary: "", audiences: [], maturity: null }));
    expect(submitForReview(incomplete, author, T0)).toEqual({
      ok: false,
      refusals: [
        { code: "field_missing", field: "summary" },
        { code: "field_missing", field: "audiences" },
        { code: "field_missing", field: "maturity" },
      ],
    });
  });

  it("submitting does not notify and records when", () => {
    const result = submitForReview(draft(), author, T0);
    expect(result).toMatchObject({ ok: true, notify: false, value: { status: "in_review", submittedAt: T0 } });
  });

  it("a reviewer must say why a release goes back", () => {
    expect(returnToDraft(inReview(), reviewer, "   ")).toEqual({ ok: false, refusals: [{ code: "return_comment_missing" }] });
    const back = value(returnToDraft(inReview(), reviewer, " Tilføj kilder "));
    expect(back).toMatchObject({ status: "draft", returnComment: "Tilføj kilder", submittedAt: null });
    expect(value(submitForReview(back, author, T1)).returnComment).toBe("");
  });

  it("the author may pull back their own submission without a comment", () => {
    expect(value(returnToDraft(inReview(), author, "")).status).toBe("draft");
  });

  it("does not change the state it was given", () => {
    const before = draft();
    const copy = structuredClone(before);
    submitForReview(before, author, T0);
    editDraft(before, colleague, { content: { ...content, title: "X" } });
    expect(before).toEqual(copy);
  });
});

describe("force-publish", () => {
  it.each(["", "   "])("needs a written reason (%j)", (reason) => {
    expect(forcePublish(draft(), author, reason, T1)).toEqual({ ok: false, refusals: [{ code: "force_reason_missing" }] });
  });

  it("still needs complete content", () => {
    const incomplete = value(startRelease(author, { ...content, title: "" }));
    expect(forcePublish(incomplete, author, "Akut", T1)).toEqual({ ok: false, refusals: [{ code: "field_missing", field: "title" }] });
  });

  it("publishes at once, notifies, keeps the reason and shows as not yet reviewed", () => {
    const result = forcePublish(inReview(), author, " Akut: frist i morgen ", T1);
    expect(result.ok && result.notify).toBe(true);
    const state = value(result);
    expect(state).toMatchObject({
      status: "published",
      forcePublished: true,
      forceReason: "Akut: frist i morgen",
      forcePublishedById: author.id,
      reviewerId: null,
      reviewedAt: null,
      publishedAt: T1,
    });
    expect(notYetReviewed(state)).toBe(true);
    expect(publicView(state)).toMatchObject({ kind: "published", notYetReviewed: true });
  });

  it("the author cannot do the review afterwards", () => {
    expect(reviewAfterForce(forced(), author, T2)).toEqual({ ok: false, refusals: [{ code: "reviewer_is_author", as: "author" }] });
  });

  it("whoever forced it out cannot review it either", () => {
    const byColleague = value(forcePublish(draft(), colleague, "Akut", T1));
    expect(reviewAfterForce(byColleague, colleague, T2)).toEqual({ ok: false, refusals: [{ code: "reviewer_is_force_publisher" }] });
  });

  it("a review by someone else clears the flag on the public page, without notifying again", () => {
    const result = reviewAfterForce(forced(), reviewer, T2);
    expect(result.ok && result.notify).toBe(false);
    const state = value(result);
    expect(state).toMatchObject({ status: "published", reviewerId: reviewer.id, reviewedAt: T2, forcePublished: true });
    expect(notYetReviewed(state)).toBe(false);
    expect(publicView(state)).toMatchObject({ kind: "published", notYetReviewed: false });
    expect(reviewAfterForce(state, colleague, T2)).toEqual({ ok: false, refusals: [{ code: "not_awaiting_review" }] });
  });

  it("a normally reviewed release has no review owing", () => {
    expect(reviewAfterForce(published(), colleague, T2)).toEqual({ ok: false, refusals: [{ code: "not_awaiting_review" }] });
  });

  it("a superseded edition that was forced can still be reviewed, so its archived page is corrected", () => {
    const old = superseded(forced);
    expect(publicView(old)).toMatchObject({ kind: "superseded", notYetReviewed: true });
    expect(publicView(value(reviewAfterForce(old, reviewer, T2)))).toMatchObject({ kind: "superseded", notYetReviewed: false });
  });
});

describe("editions", () => {
  it("a new edition is a draft of the next number, written by whoever starts it, with the old text", () => {
    const first = published();
    const next = value(startNewEdition(first, colleague, "minor"));
    expect(next).toMatchObject({ status: "draft", edition: 2, editionKind: "minor", authorId: colleague.id, reviewerId: null, publishedAt: null });
    expect(next.content).toEqual(first.content);
    next.content.topics.push("ændret");
    expect(first.content.topics).toEqual(content.topics);
  });

  it.each([
    ["major", true],
    ["minor", false],
  ] as const)("a %s edition notifies: %s, and supersedes the previous one", (kind, notify) => {
    const first = published();
    const next = value(submitForReview(noted(value(startNewEdition(first, colleague, kind))), colleague, T1));
    const result = publishEdition(next, first, 42, reviewer, { mode: "review" }, T2);
    expect(result).toMatchObject({ ok: true, notify, value: { status: "published", edition: 2, publishedAt: T2 } });
    if (!result.ok) return;
    expect(result.previous).toMatchObject({ status: "superseded", supersededById: 42, supersededAt: T2, edition: 1 });
    expect(publicView(result.previous)).toMatchObject({ kind: "superseded", newestId: 42, edition: 1 });
  });

  it("the edition kind can be changed while drafting, and decides notification", () => {
    const first = published();
    const minor = value(startNewEdition(first, colleague, "minor"));
    const major = value(submitForReview(noted(value(editDraft(minor, colleague, { editionKind: "major" }))), colleague, T1));
    const result = publishEdition(major, first, 42, reviewer, { mode: "review" }, T2);
    expect(result.ok && result.notify).toBe(true);
  });

  it("edition 1 has no kind to set", () => {
    expect(editDraft(draft(), author, { editionKind: "major" })).toEqual({ ok: false, refusals: [{ code: "edition_kind_not_applicable" }] });
  });

  it("an urgent minor correction can be forced out, without notice, and still owes a review", () => {
    const first = published();
    const next = value(startNewEdition(first, author, "minor"));
    expect(publishEdition(next, first, 42, author, { mode: "force", reason: "" }, T2)).toEqual({
      ok: false,
      refusals: [{ code: "force_reason_missing" }],
    });
    const result = publishEdition(next, first, 42, author, { mode: "force", reason: "Forkert telefonnummer" }, T2);
    expect(result).toMatchObject({ ok: true, notify: false, value: { forcePublished: true, reviewedAt: null } });
  });

  it("the edition's author cannot review it", () => {
    const first = published();
    const next = value(submitForReview(noted(value(startNewEdition(first, colleague, "major"))), colleague, T1));
    expect(publishEdition(next, first, 42, colleague, { mode: "review" }, T2)).toEqual({
      ok: false,
      refusals: [{ code: "reviewer_is_author", as: "author" }],
    });
  });

  it("a later edition cannot be published on its own: the previous one must be superseded with it", () => {
    const next = value(submitForReview(noted(value(startNewEdition(published(), colleague, "major"))), colleague, T1));
    expect(approveAndPublish(next, reviewer, T2)).toEqual({ ok: false, refusals: [{ code: "previous_edition_required", edition: 2 }] });
    expect(forcePublish(next, colleague, "Akut", T2)).toEqual({ ok: false, refusals: [{ code: "previous_edition_required", edition: 2 }] });
    // Status still comes first: an edition that is already out is not "missing its previous edition".
    const result = publishEdition(next, published(), 42, reviewer, { mode: "review" }, T2);
    if (!result.ok) throw new Error("publishEdition refused");
    expect(approveAndPublish(result.value, reviewer, T2)).toEqual({
      ok: false,
      refusals: [{ code: "wrong_status", status: "published", allowed: ["in_review"] }],
    });
  });

  it("refuses when the previous edition was withdrawn meanwhile", () => {
    const first = published();
    const next = value(submitForReview(noted(value(startNewEdition(first, colleague, "major"))), colleague, T1));
    const gone = value(withdraw(first, author, "Forkert", T1));
    expect(publishEdition(next, gone, 42, reviewer, { mode: "review" }, T2)).toEqual({
      ok: false,
      refusals: [{ code: "previous_not_published", status: "withdrawn" }],
    });
  });

  it("of two parallel editions only the first to publish supersedes; the other is refused", () => {
    const first = published();
    const a = value(submitForReview(noted(value(startNewEdition(first, colleague, "major"))), colleague, T1));
    const b = value(submitForReview(value(startNewEdition(first, author, "minor")), author, T1));
    const result = publishEdition(a, first, 42, reviewer, { mode: "review" }, T2);
    if (!result.ok) throw new Error("first edition publish refused");
    expect(publishEdition(b, result.previous, 43, reviewer, { mode: "review" }, T2)).toEqual({
      ok: false,
      refusals: [{ code: "previous_not_published", status: "superseded" }],
    });
  });

  it("refuses a predecessor of the wrong edition number, and edition 1 as a 'later' edition", () => {
    const first = published();
    const third = { ...value(submitForReview(noted(value(startNewEdition(first, colleague, "major"))), colleague, T1)), edition: 3 };
    expect(publishEdition(third, first, 42, reviewer, { mode: "review" }, T2)).toEqual({
      ok: false,
      refusals: [{ code: "edition_mismatch", expected: 2, actual: 3 }],
    });
    expect(publishEdition(inReview(), first, 42, reviewer, { mode: "review" }, T2)).toEqual({
      ok: false,
      refusals: [{ code: "not_a_later_edition" }],
    });
  });

  it("publishEdition refuses a next edition that is not ready, alone", () => {
    const first = published();
    expect(publishEdition(first, first, 42, reviewer, { mode: "review" }, T2)).toEqual({
      ok: false,
      refusals: [{ code: "wrong_status", status: "published", allowed: ["in_review"] }],
    });
  });

  it("older superseded editions are repointed to the newest, keeping when they were superseded", () => {
    const old = superseded();
    const repointed = supersede(old, 30, "2027-01-01T00:00:00.000Z");
    expect(repointed).toMatchObject({ status: "superseded", supersededById: 30, supersededAt: T2 });
    expect(publicView(repointed)).toMatchObject({ kind: "superseded", newestId: 30 });
    expect(supersede(draft(), 30, T2).status).toBe("draft");
    expect(supersede(withdrawn(), 30, T2).status).toBe("withdrawn");
  });
});

describe("withdrawal", () => {
  it.each(["", "  "])("needs a reason (%j)", (reason) => {
    expect(withdraw(published(), author, reason, T2)).toEqual({ ok: false, refusals: [{ code: "withdraw_reason_missing" }] });
  });

  it("records who, when and why, notifies those who were told, and the public page shows the reason instead of the text", () => {
    const result = withdraw(published(), colleague, " Tallene var forkerte ", T2);
    expect(result.ok && result.notify).toBe(true);
    const state = value(result);
    expect(state).toMatchObject({ status: "withdrawn", withdrawnReason: "Tallene var forkerte", withdrawnAt: T2, withdrawnById: colleague.id });
    expect(publicView(state)).toEqual({ kind: "withdrawn", title: content.title, reason: "Tallene var forkerte", withdrawnAt: T2 });
  });
});

describe("the public page", () => {
  it.each([
    ["draft", draft],
    ["in review", inReview],
  ] as const)("a release %s does not exist publicly", (_label, make) => {
    expect(publicView(make())).toEqual({ kind: "not_found" });
  });

  it("a published release shows its content, edition and date", () => {
    expect(publicView(published())).toEqual({ kind: "published", content, edition: 1, publishedAt: T1, notYetReviewed: false });
  });

  it("a superseded edition stays readable and links to the newest", () => {
    expect(publicView(superseded())).toEqual({
      kind: "superseded",
      content,
      edition: 1,
      publishedAt: T1,
      notYetReviewed: false,
      newestId: 20,
    });
  });
});

describe("content validation", () => {
  const cases: [string, Partial<ReleaseContent>, unknown[]][] = [
    ["complete content", {}, []],
    ["both areas", { areas: ["adults", "children"] }, []],
    ["no area", { areas: [] }, [{ code: "field_missing", field: "areas" }]],
    ["duplicate area", { areas: ["adults", "adults"] }, [{ code: "field_invalid", field: "areas", value: "duplicate" }]],
    ["change note too long", { changeNote: "x".repeat(2001) }, [{ code: "field_too_long", field: "changeNote", max: 2000 }]],
    ["no body", { bodyMarkdown: "" }, []],
    ["blank title", { title: "  " }, [{ code: "field_missing", field: "title" }]],
    ["blank summary", { summary: "" }, [{ code: "field_missing", field: "summary" }]],
    ["no audience", { audiences: [] }, [{ code: "field_missing", field: "audiences" }]],
    ["unknown audience", { audiences: ["press" as never] }, [{ code: "field_invalid", field: "audiences", value: "press" }]],
    ["duplicate audience", { audiences: ["municipalities", "municipalities"] }, [{ code: "field_invalid", field: "audiences", value: "duplicate" }]],
    ["no maturity", { maturity: null }, [{ code: "field_missing", field: "maturity" }]],
    ["unknown maturity", { maturity: "proven" as never }, [{ code: "field_invalid", field: "maturity", value: "proven" }]],
    ["unknown area", { areas: ["elderly" as never] }, [{ code: "field_invalid", field: "areas", value: "elderly" }]],
    ["title too long", { title: "x".repeat(201) }, [{ code: "field_too_long", field: "title", max: 200 }]],
    ["body too long", { bodyMarkdown: "x".repeat(100_001) }, [{ code: "field_too_long", field: "bodyMarkdown", max: 100_000 }]],
    ["blank topic", { topics: ["angst", " "] }, [{ code: "field_invalid", field: "topics", value: " " }]],
    ["too many topics", { topics: Array.from({ length: 21 }, (_, i) => `emne ${i}`) }, [{ code: "field_too_long", field: "topics", max: 20 }]],
    [
      "everything missing at once",
      { title: "", summary: "", audiences: [], maturity: null },
      [
        { code: "field_missing", field: "title" },
        { code: "field_missing", field: "summary" },
        { code: "field_missing", field: "audiences" },
        { code: "field_missing", field: "maturity" },
      ],
    ],
  ];
  it.each(cases)("%s", (_label, change, expected) => {
    expect(validateReleaseContent({ ...content, ...change })).toEqual(expected);
  });
});

describe("the change note of a major edition", () => {
  it("is required to submit, force or publish a major edition, and named as the field", () => {
    const first = published();
    const bare = value(startNewEdition(first, colleague, "major"));
    expect(bare.content.changeNote).toBe("");
    expect(submitForReview(bare, colleague, T1)).toEqual({ ok: false, refusals: [{ code: "field_missing", field: "changeNote" }] });
    expect(publishEdition(bare, first, 42, colleague, { mode: "force", reason: "Haster" }, T2)).toEqual({
      ok: false, refusals: [{ code: "field_missing", field: "changeNote" }],
    });
    expect(changeNoteRefusals(noted(bare))).toEqual([]);
  });

  it("is not asked of edition 1 or a correction, and a new edition starts without the previous one's note", () => {
    expect(changeNoteRefusals(draft())).toEqual([]);
    const minor = value(startNewEdition(published(), colleague, "minor"));
    expect(submitForReview(minor, colleague, T1).ok).toBe(true);
    const second = value(publishEdition(value(submitForReview(noted(value(startNewEdition(published(), colleague, "major"))), colleague, T1)), published(), 42, reviewer, { mode: "review" }, T2) as ReleaseResult);
    expect(second.content.changeNote).toBe("Nye tal fra tre kommuner.");
    expect(value(startNewEdition(second, colleague, "major")).content.changeNote).toBe("");
  });
});

describe("scheduled publication", () => {
  const AT = "2026-12-24T08:00:00.000Z";

  it("is the reviewer's approval with a time; the release stays in review until then", () => {
    const scheduled = value(schedulePublication(inReview(), reviewer, AT, T1));
    expect(scheduled).toMatchObject({ status: "in_review", scheduledAt: AT, reviewerId: reviewer.id, reviewedAt: T1, publishedAt: null });
    expect(publicView(scheduled)).toEqual({ kind: "not_found" });
  });

  it("keeps the four-eyes rule, and refuses a time that has passed or cannot be read", () => {
    expect(schedulePublication(inReview(), author, AT, T1)).toEqual({ ok: false, refusals: [{ code: "reviewer_is_author", as: "author" }] });
    expect(schedulePublication(inReview(), reviewer, T0, T1)).toEqual({ ok: false, refusals: [{ code: "schedule_in_past", at: T0 }] });
    expect(schedulePublication(inReview(), reviewer, T1, T1)).toEqual({ ok: false, refusals: [{ code: "schedule_in_past", at: T1 }] });
    expect(schedulePublication(inReview(), reviewer, "invalid", T1)).toEqual({ ok: false, refusals: [{ code: "schedule_invalid" }] });
    expect(schedulePublication(draft(), reviewer, AT, T1)).toMatchObject({ ok: false, refusals: [{ code: "wrong_status" }] });
  });

  it("publishes when due, as the reviewer, and notifies then; not a moment before", () => {
    const scheduled = value(schedulePublication(inReview(), reviewer, AT, T1));
    expect(isDue(scheduled, "2026-12-24T07:59:59.999Z")).toBe(false);
    expect(publishWhenDue(scheduled, null, 1, "2026-12-24T07:59:59.999Z")).toEqual({ ok: false, refusals: [{ code: "not_due", at: AT }] });
    const result = publishWhenDue(scheduled, null, 1, "2026-12-24T08:00:30.000Z");
    expect(result).toMatchObject({ ok: true, notify: true, value: { status: "published", reviewerId: reviewer.id, publishedAt: "2026-12-24T08:00:30.000Z", scheduledAt: null } });
  });

  it("publishes a scheduled major edition by superseding the previous one", () => {
    const first = published();
    const next = value(submitForReview(noted(value(startNewEdition(first, colleague, "major"))), colleague, T1));
    const scheduled = value(schedulePublication(next, reviewer, AT, T1));
    const result = publishWhenDue(scheduled, first, 42, AT);
    expect(result).toMatchObject({ ok: true, notify: true, value: { status: "published", edition: 2 }, previous: { status: "superseded", supersededById: 42 } });
  });

  it("can be cancelled, which takes the approval back; returning to draft does the same", () => {
    const scheduled = value(schedulePublication(inReview(), reviewer, AT, T1));
    expect(value(cancelSchedule(scheduled, author))).toMatchObject({ status: "in_review", scheduledAt: null, reviewerId: null, reviewedAt: null });
    expect(cancelSchedule(inReview(), author)).toEqual({ ok: false, refusals: [{ code: "not_scheduled" }] });
    expect(value(returnToDraft(scheduled, author, ""))).toMatchObject({ status: "draft", scheduledAt: null, reviewerId: null });
    expect(publishWhenDue(inReview(), null, 1, AT)).toEqual({ ok: false, refusals: [{ code: "not_scheduled" }] });
  });

  it("is overtaken by publishing at once", () => {
    const scheduled = value(schedulePublication(inReview(), reviewer, AT, T1));
    expect(value(approveAndPublish(scheduled, colleague, T2))).toMatchObject({ status: "published", scheduledAt: null, reviewerId: colleague.id });
  });
});
