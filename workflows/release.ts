// Fast-track knowledge releases (vidensudgivelser): draft → in_review → published → superseded | withdrawn,
// with four-eyes review, force-publish for urgent cases and editions. Pure; refusals are returned values.
import { holdsAnyRole, type RoleHolder } from "./roles";

export const RELEASE_STATUSES = ["draft", "in_review", "published", "superseded", "withdrawn"] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

/** Kommuner, sociale tilbud, civilsamfund. */
export const AUDIENCES = ["municipalities", "social_services", "civil_society"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Foreløbig viden, afprøvet, dokumenteret virkning. */
export const MATURITIES = ["preliminary", "tested", "documented"] as const;
export type Maturity = (typeof MATURITIES)[number];

export const RELEASE_AREAS = ["adults", "children"] as const;
export type ReleaseArea = (typeof RELEASE_AREAS)[number];

/** Major editions notify subscribers; minor ones are corrections and do not. */
export const EDITION_KINDS = ["major", "minor"] as const;
export type EditionKind = (typeof EDITION_KINDS)[number];

/** Only knowledge staff act on releases; see `mayActOnReleases` for why admins do not. */
export const RELEASE_ROLES = ["knowledge_staff"] as const;

// Shared with the form schema so the form and the workflow refuse the same things. The body cap also
// bounds the work the Markdown renderer does on one page view.
export const RELEASE_LIMITS = { title: 200, summary: 1000, body: 100_000, topic: 80, topics: 20, changeNote: 2000 } as const;

export interface Actor {
  id: number;
  /** The user's primary role as stored (db/schema Role); a string so workflows need not import the database. */
  role: string;
  /** Every role the user holds (workflows/roles.ts); any of them counts. */
  roles?: readonly string[];
}

export interface ReleaseContent {
  title: string;
  summary: string;
  bodyMarkdown: string;
  audiences: Audience[];
  /** One or both programme areas (disability, for one, belongs to both); at least one. */
  areas: ReleaseArea[];
  topics: string[];
  maturity: Maturity | null;
  /** "Hvad er ændret": the public note a major edition must carry; empty on edition 1 and minor editions. */
  changeNote: string;
}

export interface ReleaseState {
  status: ReleaseStatus;
  content: ReleaseContent;
  /** Who started this edition. */
  authorId: number;
  /** Knowledge staff other than the author who edited this edition's draft; they may not review it either. */
  contributorIds: number[];
  edition: number;
  /** Null for edition 1; later editions are major or minor. */
  editionKind: EditionKind | null;
  /** The reviewer's comment when a submission was sent back; cleared on the next submission. */
  returnComment: string;
  submittedAt: string | null;
  reviewerId: number | null;
  reviewedAt: string | null;
  forcePublished: boolean;
  forceReason: string;
  forcePublishedById: number | null;
  publishedAt: string | null;
  withdrawnReason: string;
  withdrawnAt: string | null;
  withdrawnById: number | null;
  /** The newest edition, set when a later edition is published. */
  supersededById: number | null;
  supersededAt: string | null;
  /**
   * When an approved edition (still in review, its reviewer set) is to be published; null when none is planned.
   * The four-eyes approval is given when it is scheduled; publication then only waits for the time.
   */
  scheduledAt: string | null;
}

export type ContentField = "title" | "summary" | "bodyMarkdown" | "audiences" | "areas" | "topics" | "maturity" | "changeNote";

export type ContentRefusal =
  | { code: "field_missing"; field: ContentField }
  | { code: "field_too_long"; field: ContentField; max: number }
  | { code: "field_invalid"; field: ContentField; value: string };

export type ReleaseRefusal =
  | ContentRefusal
  | { code: "not_knowledge_staff"; role: string }
  | { code: "wrong_status"; status: ReleaseStatus; allowed: ReleaseStatus[] }
  | { code: "reviewer_is_author"; as: "author" | "contributor" }
  | { code: "reviewer_is_force_publisher" }
  | { code: "not_awaiting_review" }
  | { code: "force_reason_missing" }
  | { code: "return_comment_missing" }
  | { code: "withdraw_reason_missing" }
  | { code: "edition_kind_not_applicable" }
  | { code: "previous_edition_required"; edition: number }
  | { code: "not_a_later_edition" }
  | { code: "previous_not_published"; status: ReleaseStatus }
  | { code: "edition_mismatch"; expected: number; actual: number }
  | { code: "schedule_in_past"; at: string }
  | { code: "schedule_invalid" }
  | { code: "not_scheduled" }
  | { code: "not_due"; at: string };

export type ReleaseResult =
  | { ok: true; value: ReleaseState; notify: boolean }
  | { ok: false; refusals: ReleaseRefusal[] };

export type EditionResult =
  | { ok: true; value: ReleaseState; previous: ReleaseState; notify: boolean }
  | { ok: false; refusals: ReleaseRefusal[] };

/** How an edition gets out: through a review by someone else, or forced with a written reason. */
export type PublishMode = { mode: "review" } | { mode: "force"; reason: string };

/**
 * Admins manage users; they are not knowledge staff and do not write, review or withdraw releases. An admin
 * who must act can give themselves the knowledge-staff role, which leaves a trace in user administration,
 * and the four-eyes rule then still holds between knowledge staff.
 */
export function mayActOnReleases(actor: RoleHolder | null | undefined): boolean {
  return holdsAnyRole(actor, RELEASE_ROLES);
}

export function isAudience(value: unknown): value is Audience {
  return typeof value === "string" && (AUDIENCES as readonly string[]).includes(value);
}

export function isMaturity(value: unknown): value is Maturity {
  return typeof value === "string" && (MATURITIES as readonly string[]).includes(value);
}

export function isEditionKind(value: unknown): value is EditionKind {
  return typeof value === "string" && (EDITION_KINDS as readonly string[]).includes(value);
}

/** A published release that was forced out and nobody other than its author has reviewed yet. */
export function notYetReviewed(state: ReleaseState): boolean {
  return state.forcePublished && state.reviewedAt === null;
}

/** First publication always notifies; later editions only when major (a minor one is a silent correction). */
export function notifiesSubscribers(state: Pick<ReleaseState, "edition" | "editionKind">): boolean {
  return state.edition === 1 || state.editionKind === "major";
}

/** Field-level refusals for a release's content; empty when it may be submitted or published. */
export function validateReleaseContent(content: ReleaseContent): ContentRefusal[] {
  const refusals: ContentRefusal[] = [];
  const text = (field: "title" | "summary" | "bodyMarkdown", value: string, required: boolean, max: number) => {
    if (required && value.trim() === "") refusals.push({ code: "field_missing", field });
    else if (value.length > max) refusals.push({ code: "field_too_long", field, max });
  };
  text("title", content.title, true, RELEASE_LIMITS.title);
  text("summary", content.summary, true, RELEASE_LIMITS.summary);
  // The body may be empty: a short release can be all summary.
  text("bodyMarkdown", content.bodyMarkdown, false, RELEASE_LIMITS.body);

  if (content.audiences.length === 0) refusals.push({ code: "field_missing", field: "audiences" });
  const badAudience = content.audiences.find((a) => !isAudience(a));
  if (badAudience !== undefined) refusals.push({ code: "field_invalid", field: "audiences", value: String(badAudience) });
  else if (new Set(content.audiences).size !== content.audiences.length) {
    refusals.push({ code: "field_invalid", field: "audiences", value: "duplicate" });
  }

  if (content.areas.length === 0) refusals.push({ code: "field_missing", field: "areas" });
  const badArea = content.areas.find((a) => !(RELEASE_AREAS as readonly string[]).includes(a));
  if (badArea !== undefined) refusals.push({ code: "field_invalid", field: "areas", value: String(badArea) });
  else if (new Set(content.areas).size !== content.areas.length) refusals.push({ code: "field_invalid", field: "areas", value: "duplicate" });
  if (content.changeNote.length > RELEASE_LIMITS.changeNote) refusals.push({ code: "field_too_long", field: "changeNote", max: RELEASE_LIMITS.changeNote });

  if (content.topics.length > RELEASE_LIMITS.topics) refusals.push({ code: "field_too_long", field: "topics", max: RELEASE_LIMITS.topics });
  const badTopic = content.topics.find((t) => t.trim() === "" || t.length > RELEASE_LIMITS.topic);
  if (badTopic !== undefined) refusals.push({ code: "field_invalid", field: "topics", value: badTopic });

  if (content.maturity === null) refusals.push({ code: "field_missing", field: "maturity" });
  else if (!isMaturity(content.maturity)) refusals.push({ code: "field_invalid", field: "maturity", value: String(content.maturity) });
  return refusals;
}

/**
 * GOV.UK's habit: a major edition tells readers what changed. A major edition without a change note may be
 * saved as a draft but not submitted or published; edition 1 and corrections need none.
 */
export function changeNoteRefusals(state: Pick<ReleaseState, "edition" | "editionKind" | "content">): ContentRefusal[] {
  if (state.edition > 1 && state.editionKind === "major" && state.content.changeNote.trim() === "") {
    return [{ code: "field_missing", field: "changeNote" }];
  }
  return [];
}

/** Everything the content of this edition needs before it may go out. */
function readyRefusals(state: ReleaseState): ContentRefusal[] {
  return [...validateReleaseContent(state.content), ...changeNoteRefusals(state)];
}

// ---------------------------------------------------------------------------------------------------------
// Transitions. Role and status refusals come alone (nothing else is worth saying then); the rest are
// collected so a form can show every problem at once.

function gate(state: ReleaseState | null, actor: Actor, allowed: ReleaseStatus[]): ReleaseRefusal[] {
  if (!mayActOnReleases(actor)) return [{ code: "not_knowledge_staff", role: actor.role }];
  if (state && !allowed.includes(state.status)) return [{ code: "wrong_status", status: state.status, allowed }];
  return [];
}

function refused(refusals: ReleaseRefusal[]): { ok: false; refusals: ReleaseRefusal[] } {
  return { ok: false, refusals };
}

function ok(value: ReleaseState, notify = false): ReleaseResult {
  return { ok: true, value, notify };
}

/** Four eyes: whoever wrote any of this edition may not vouch for it. */
function authorshipRefusal(state: ReleaseState, actor: Actor): ReleaseRefusal | null {
  if (actor.id === state.authorId) return { code: "reviewer_is_author", as: "author" };
  if (state.contributorIds.includes(actor.id)) return { code: "reviewer_is_author", as: "contributor" };
  return null;
}

function blankDraft(content: ReleaseContent, authorId: number, edition: number, editionKind: EditionKind | null): ReleaseState {
  return {
    status: "draft",
    content,
    authorId,
    contributorIds: [],
    edition,
    editionKind,
    returnComment: "",
    submittedAt: null,
    reviewerId: null,
    reviewedAt: null,
    forcePublished: false,
    forceReason: "",
    forcePublishedById: null,
    publishedAt: null,
    withdrawnReason: "",
    withdrawnAt: null,
    withdrawnById: null,
    supersededById: null,
    supersededAt: null,
    scheduledAt: null,
  };
}

/** A new release: a draft of edition 1. Content may be incomplete until it is submitted. */
export function startRelease(actor: Actor, content: ReleaseContent): ReleaseResult {
  const refusals = gate(null, actor, []);
  if (refusals.length > 0) return refused(refusals);
  return ok(blankDraft(content, actor.id, 1, null));
}

/**
 * Editing is for drafts only: a published text is corrected through a new (minor) edition, so what
 * subscribers were told stays on record. A knowledge-staff member other than the author who edits
 * becomes a contributor and so cannot review this edition.
 */
export function editDraft(
  state: ReleaseState,
  actor: Actor,
  changes: { content?: ReleaseContent; editionKind?: EditionKind },
): ReleaseResult {
  const refusals = gate(state, actor, ["draft"]);
  if (refusals.length > 0) return refused(refusals);
  if (changes.editionKind !== undefined && state.edition === 1) return refused([{ code: "edition_kind_not_applicable" }]);
  const contributorIds =
    actor.id === state.authorId || state.contributorIds.includes(actor.id) ? state.contributorIds : [...state.contributorIds, actor.id];
  return ok({
    ...state,
    content: changes.content ?? state.content,
    editionKind: changes.editionKind ?? state.editionKind,
    contributorIds,
  });
}

/** Any knowledge staff may submit a complete draft; the content is checked here, not only in the form. */
export function submitForReview(state: ReleaseState, actor: Actor, now: string): ReleaseResult {
  const refusals = gate(state, actor, ["draft"]);
  if (refusals.length > 0) return refused(refusals);
  const content = readyRefusals(state);
  if (content.length > 0) return refused(content);
  return ok({ ...state, status: "in_review", submittedAt: now, returnComment: "" });
}

/**
 * Sends a submission back to draft. The reviewer must say why (the comment is what the author works
 * from); the author or a contributor pulling back their own submission need not.
 */
export function returnToDraft(state: ReleaseState, actor: Actor, comment: string): ReleaseResult {
  const refusals = gate(state, actor, ["in_review"]);
  if (refusals.length > 0) return refused(refusals);
  const ownSubmission = authorshipRefusal(state, actor) !== null;
  if (!ownSubmission && comment.trim() === "") return refused([{ code: "return_comment_missing" }]);
  // A planned publication goes with the approval it rested on.
  return ok({ ...state, status: "draft", submittedAt: null, returnComment: comment.trim(), ...unscheduled(state) });
}

function publishRefusals(state: ReleaseState, actor: Actor, mode: PublishMode): ReleaseRefusal[] {
  const refusals = gate(state, actor, mode.mode === "review" ? ["in_review"] : ["draft", "in_review"]);
  if (refusals.length > 0) return refusals;
  if (mode.mode === "review") {
    const authorship = authorshipRefusal(state, actor);
    if (authorship) refusals.push(authorship);
  } else if (mode.reason.trim() === "") {
    refusals.push({ code: "force_reason_missing" });
  }
  refusals.push(...readyRefusals(state));
  return refusals;
}

/** Clears a planned publication and the approval that was given with it. */
function unscheduled(state: ReleaseState): Partial<ReleaseState> {
  return state.scheduledAt === null ? {} : { scheduledAt: null, reviewerId: null, reviewedAt: null };
}

function published(state: ReleaseState, actor: Actor, mode: PublishMode, now: string): ReleaseState {
  const base = { ...state, status: "published" as const, publishedAt: now, returnComment: "", scheduledAt: null };
  if (mode.mode === "review") {
    return { ...base, reviewerId: actor.id, reviewedAt: now, forcePublished: false, forceReason: "", forcePublishedById: null };
  }
  return { ...base, reviewerId: null, reviewedAt: null, forcePublished: true, forceReason: mode.reason.trim(), forcePublishedById: actor.id };
}

/** Edition 1 only: a later edition must supersede its predecessor in the same step, which publishEdition does. */
function firstPublicationRefusals(state: ReleaseState, actor: Actor, mode: PublishMode): ReleaseRefusal[] {
  const refusals = publishRefusals(state, actor, mode);
  const first = refusals[0]?.code;
  if (first === "not_knowledge_staff" || first === "wrong_status" || state.edition === 1) return refusals;
  return [{ code: "previous_edition_required", edition: state.edition }];
}

/** The reviewer (knowledge staff, not the author or a contributor) approves and publishes edition 1. */
export function approveAndPublish(state: ReleaseState, actor: Actor, now: string): ReleaseResult {
  const refusals = firstPublicationRefusals(state, actor, { mode: "review" });
  if (refusals.length > 0) return refused(refusals);
  return ok(published(state, actor, { mode: "review" }, now), notifiesSubscribers(state));
}

/**
 * Urgent publication of edition 1 without review, from draft or in review. The written reason is kept
 * and the release shows as not yet reviewed until someone else reviews it (reviewAfterForce).
 */
export function forcePublish(state: ReleaseState, actor: Actor, reason: string, now: string): ReleaseResult {
  const refusals = firstPublicationRefusals(state, actor, { mode: "force", reason });
  if (refusals.length > 0) return refused(refusals);
  return ok(published(state, actor, { mode: "force", reason }, now), notifiesSubscribers(state));
}

/**
 * The review a force-published release still owes. Neither the author, a contributor nor the person who
 * forced it out may give it: the point is a second pair of eyes on both the text and that decision.
 * A superseded edition may still be reviewed, so its archived page stops saying "not yet reviewed".
 */
export function reviewAfterForce(state: ReleaseState, actor: Actor, now: string): ReleaseResult {
  const refusals = gate(state, actor, ["published", "superseded"]);
  if (refusals.length > 0) return refused(refusals);
  if (!notYetReviewed(state)) return refused([{ code: "not_awaiting_review" }]);
  const authorship = authorshipRefusal(state, actor);
  if (authorship) return refused([authorship]);
  if (actor.id === state.forcePublishedById) return refused([{ code: "reviewer_is_force_publisher" }]);
  return ok({ ...state, reviewerId: actor.id, reviewedAt: now });
}

/** A draft of the next edition, copying the published text; the actor becomes its author. */
export function startNewEdition(previous: ReleaseState, actor: Actor, kind: EditionKind): ReleaseResult {
  const refusals = gate(previous, actor, ["published"]);
  if (refusals.length > 0) return refused(refusals);
  // The change note is the new edition's own: it starts empty.
  const content = {
    ...previous.content, audiences: [...previous.content.audiences], areas: [...previous.content.areas], topics: [...previous.content.topics], changeNote: "",
  };
  return ok(blankDraft(content, actor.id, previous.edition + 1, kind));
}

/**
 * Publishes a later edition (reviewed or forced, same rules as edition 1) and supersedes its
 * predecessor in one step. `nextId` is the new edition's id, which the predecessor then points to.
 * Notifies only for a major edition.
 */
export function publishEdition(
  next: ReleaseState,
  previous: ReleaseState,
  nextId: number,
  actor: Actor,
  mode: PublishMode,
  now: string,
): EditionResult {
  const refusals = publishRefusals(next, actor, mode);
  const first = refusals[0]?.code;
  if (first === "not_knowledge_staff" || first === "wrong_status") return refused(refusals);
  if (next.edition === 1) refusals.push({ code: "not_a_later_edition" });
  // A predecessor withdrawn or already superseded (a parallel edition got there first) is not replaced.
  if (previous.status !== "published") refusals.push({ code: "previous_not_published", status: previous.status });
  if (next.edition !== 1 && next.edition !== previous.edition + 1) {
    refusals.push({ code: "edition_mismatch", expected: previous.edition + 1, actual: next.edition });
  }
  if (refusals.length > 0) return refused(refusals);
  return {
    ok: true,
    value: published(next, actor, mode, now),
    previous: supersede(previous, nextId, now),
    notify: notifiesSubscribers(next),
  };
}

/**
 * Points a superseded edition at the newest one. publishEdition does this for the direct predecessor;
 * the database applies the same to older superseded editions so every old page links to the newest.
 * Drafts and withdrawn editions are left as they are: only what was public can be superseded.
 */
export function supersede(state: ReleaseState, newestId: number, now: string): ReleaseState {
  if (state.status !== "published" && state.status !== "superseded") return state;
  return { ...state, status: "superseded", supersededById: newestId, supersededAt: state.supersededAt ?? now };
}

/**
 * Withdraws a published release. The reason is shown on the public page, and every subscriber who was told of
 * the release (of any of its editions) is told of the withdrawal with the reason: `notify` is always true.
 */
export function withdraw(state: ReleaseState, actor: Actor, reason: string, now: string): ReleaseResult {
  const refusals = gate(state, actor, ["published"]);
  if (refusals.length > 0) return refused(refusals);
  if (reason.trim() === "") return refused([{ code: "withdraw_reason_missing" }]);
  return ok({ ...state, status: "withdrawn", withdrawnReason: reason.trim(), withdrawnAt: now, withdrawnById: actor.id }, true);
}

// ---------------------------------------------------------------------------------------------------------
// Scheduled publication. The reviewer approves now and names a time; the due check publishes then.

/**
 * The reviewer approves an edition in review and plans its publication for `at` (an instant, ISO). The same
 * four-eyes rule as approving at once; `at` must lie after `now`. The edition stays in review, approved, until
 * publishWhenDue runs at or after `at`.
 */
export function schedulePublication(state: ReleaseState, actor: Actor, at: string, now: string): ReleaseResult {
  const refusals = gate(state, actor, ["in_review"]);
  if (refusals.length > 0) return refused(refusals);
  const authorship = authorshipRefusal(state, actor);
  if (authorship) refusals.push(authorship);
  const atMs = Date.parse(at);
  if (Number.isNaN(atMs)) refusals.push({ code: "schedule_invalid" });
  else if (atMs <= Date.parse(now)) refusals.push({ code: "schedule_in_past", at });
  refusals.push(...readyRefusals(state));
  if (refusals.length > 0) return refused(refusals);
  return ok({ ...state, reviewerId: actor.id, reviewedAt: now, scheduledAt: new Date(atMs).toISOString() });
}

/** Takes a planned publication back: the edition is in review again and needs a (new) approval. */
export function cancelSchedule(state: ReleaseState, actor: Actor): ReleaseResult {
  const refusals = gate(state, actor, ["in_review"]);
  if (refusals.length > 0) return refused(refusals);
  if (state.scheduledAt === null) return refused([{ code: "not_scheduled" }]);
  return ok({ ...state, ...unscheduled(state) });
}

/** Whether a planned publication has come due at `now`. */
export function isDue(state: Pick<ReleaseState, "status" | "scheduledAt">, now: string): boolean {
  return state.status === "in_review" && state.scheduledAt !== null && Date.parse(state.scheduledAt) <= Date.parse(now);
}

/**
 * Publishes a scheduled edition once its time has come, as its reviewer (who approved it). Edition 1 is
 * published; a later edition supersedes `previous` in the same step, as publishEdition does. Notifies as any
 * publication does (first publication, major edition).
 */
export function publishWhenDue(state: ReleaseState, previous: ReleaseState | null, nextId: number, now: string): EditionResult | ReleaseResult {
  if (state.status !== "in_review" || state.scheduledAt === null || state.reviewerId === null) return refused([{ code: "not_scheduled" }]);
  if (!isDue(state, now)) return refused([{ code: "not_due", at: state.scheduledAt }]);
  const reviewer: Actor = { id: state.reviewerId, role: "knowledge_staff" };
  const unapproved = { ...state, scheduledAt: null, reviewerId: null, reviewedAt: null };
  if (state.edition === 1) {
    const refusals = firstPublicationRefusals(unapproved, reviewer, { mode: "review" });
    if (refusals.length > 0) return refused(refusals);
    return ok(published(state, reviewer, { mode: "review" }, now), notifiesSubscribers(state));
  }
  if (!previous) return refused([{ code: "previous_edition_required", edition: state.edition }]);
  return publishEdition(unapproved, previous, nextId, reviewer, { mode: "review" }, now);
}

// ---------------------------------------------------------------------------------------------------------

export type PublicView =
  | { kind: "not_found" }
  | { kind: "published"; content: ReleaseContent; edition: number; publishedAt: string; notYetReviewed: boolean }
  | {
      kind: "superseded";
      content: ReleaseContent;
      edition: number;
      publishedAt: string;
      notYetReviewed: boolean;
      newestId: number;
    }
  | { kind: "withdrawn"; title: string; reason: string; withdrawnAt: string };

/**
 * What the public (no login) page shows. Drafts and releases in review do not exist publicly. A superseded
 * edition stays readable with a link to the newest; a withdrawn one shows only its title and the reason,
 * since its text is no longer vouched for.
 */
export function publicView(state: ReleaseState): PublicView {
  switch (state.status) {
    case "draft":
    case "in_review":
      return { kind: "not_found" };
    case "published":
      return {
        kind: "published",
        content: state.content,
        edition: state.edition,
        publishedAt: state.publishedAt ?? "",
        notYetReviewed: notYetReviewed(state),
      };
    case "superseded":
      // A superseded row without a pointer would be a database fault; show it as published rather than lose it.
      if (state.supersededById === null) return publicView({ ...state, status: "published" });
      return {
        kind: "superseded",
        content: state.content,
        edition: state.edition,
        publishedAt: state.publishedAt ?? "",
        notYetReviewed: notYetReviewed(state),
        newestId: state.supersededById,
      };
    case "withdrawn":
      return { kind: "withdrawn", title: state.content.title, reason: state.withdrawnReason, withdrawnAt: state.withdrawnAt ?? "" };
  }
}
