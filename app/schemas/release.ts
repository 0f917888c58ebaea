// zod schemas for the knowledge staff's release forms and the public portal's filters, shared by conform
// on the client and the actions on the server. Messages are i18n keys. The forms check shape and limits;
// the release workflow decides what may happen (a missing force-publish reason, for one, is its refusal).
import { z } from "zod";
import { PHASE_PERIODS } from "#workflows/phase-model";
import { AUDIENCES, EDITION_KINDS, isAudience, MATURITIES, RELEASE_AREAS, RELEASE_LIMITS, RELEASE_STATUSES, type Audience } from "#workflows/release";
import type { StaffView } from "#db/queries/release-views";

// Repeated here (type-checked against db's list) so the client bundle need not import query code.
const STAFF_VIEWS = ["all", "mine", "to_review", "unreviewed", "requested"] as const satisfies readonly StaffView[];

const requiredText = (max: number) => z.string({ error: "error.required" }).trim().min(1, "error.required").max(max, "error.tooLong");
const optionalText = (max: number) => z.string().trim().max(max, "error.tooLong").optional().default("");
const version = z.number({ error: "error.required" }).int().min(1);

const topicMarkup = (list: string[]) => list.some((t) => /[<>"]/.test(t));

/** The topics ticked among the known ones (checkboxes sharing the name `topics`). */
const knownTopics = z
  .array(z.string().trim().max(RELEASE_LIMITS.topic, "releases.error.topicTooLong"))
  .optional()
  .default([])
  .refine((list) => !topicMarkup(list), "releases.error.topicChars")
  .transform((list) => list.filter(Boolean));

/** "angst, MOVE; Børn" → ["angst", "MOVE", "Børn"]: comma or semicolon separated, blanks dropped, case kept. */
const topics = z
  .string()
  .optional()
  .transform((s, ctx) => {
    const list = (s ?? "").split(/[,;]/).map((t) => t.trim()).filter(Boolean);
    if (list.length > RELEASE_LIMITS.topics) ctx.addIssue({ code: "custom", message: "releases.error.tooManyTopics" });
    if (list.some((t) => t.length > RELEASE_LIMITS.topic)) ctx.addIssue({ code: "custom", message: "releases.error.topicTooLong" });
    // Topics travel in URLs, feed categories and subscribers' filters; markup characters have no place there.
    if (topicMarkup(list)) ctx.addIssue({ code: "custom", message: "releases.error.topicChars" });
    return list;
  });

/**
 * A draft's content. Only the title is needed to save a draft (so it can be found again); the rest is
 * checked by the workflow when the draft is submitted or published.
 */
export const releaseContentFields = {
  title: requiredText(RELEASE_LIMITS.title),
  summary: optionalText(RELEASE_LIMITS.summary),
  bodyMarkdown: z.string().max(RELEASE_LIMITS.body, "error.tooLong").optional().default(""),
  // Checked as a whole so the message sits on the checkbox group, not on one box.
  audiences: z
    .array(z.string())
    .optional()
    .default([])
    .refine((list) => list.every(isAudience), "error.invalidChoice")
    .transform((list) => list as Audience[]),
  areas: z
    .array(z.enum(RELEASE_AREAS, { error: "error.invalidChoice" }), { error: "releases.error.areas" })
    .min(1, "releases.error.areas"),
  topics: knownTopics,
  newTopics: topics,
  maturity: z.enum(MATURITIES, { error: "error.invalidChoice" }).optional(),
  changeNote: optionalText(RELEASE_LIMITS.changeNote),
};

/** The topics a form names: those ticked and those typed, as one list (duplicates are merged when saved). */
export function formTopics(v: { topics: string[]; newTopics: string[] }): string[] {
  return [...v.topics, ...v.newTopics];
}

export const NewReleaseSchema = z.object({
  ...releaseContentFields,
  initiativeId: z.number({ error: "error.required" }).int().positive(),
  phase: z.enum(PHASE_PERIODS, { error: "error.invalidChoice" }),
});

/** A major edition says what changed ("Hvad er ændret"); the form refuses to save one without. */
export const EditReleaseSchema = z
  .object({
    ...releaseContentFields,
    editionKind: z.enum(EDITION_KINDS, { error: "error.invalidChoice" }).optional(),
    version,
  })
  .superRefine((v, ctx) => {
    if (v.editionKind === "major" && v.changeNote === "") ctx.addIssue({ code: "custom", path: ["changeNote"], message: "releases.error.changeNoteRequired" });
  });

/** "2026-12-24T09:00" as a datetime-local field sends it: a wall-clock time in Copenhagen. */
const publishAt = z
  .string({ error: "releases.error.publishAt" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "releases.error.publishAt");

/** The query string of /udgivelser/ny. */
export const NewReleaseQuerySchema = z.object({
  initiative: z.coerce.number().int().positive(),
  phase: z.enum(PHASE_PERIODS).optional(),
});

const reasonText = z.string().trim().max(2000, "error.tooLong").optional().default("");

/** Every transition on the release page: one form each, told apart by `intent`. */
export const ReleaseActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("submit"), version }),
  z.object({ intent: z.literal("approve"), version }),
  z.object({ intent: z.literal("return"), version, comment: reasonText }),
  z.object({ intent: z.literal("force"), version, reason: reasonText }),
  z.object({ intent: z.literal("review_after_force"), version }),
  z.object({ intent: z.literal("new_edition"), version, kind: z.enum(EDITION_KINDS, { error: "releases.error.editionKind" }) }),
  z.object({ intent: z.literal("withdraw"), version, reason: reasonText }),
  z.object({ intent: z.literal("schedule"), version, publishAt }),
  z.object({ intent: z.literal("cancel_schedule"), version }),
]);
export type ReleaseAction = z.infer<typeof ReleaseActionSchema>;
export type ReleaseIntent = ReleaseAction["intent"];
export const RELEASE_INTENTS = [
  "submit", "approve", "return", "force", "review_after_force", "new_edition", "withdraw", "schedule", "cancel_schedule",
] as const satisfies readonly ReleaseIntent[];

/** The staff list's filters; unknown values are a 400 naming the parameter. */
export const StaffListSchema = z.object({
  view: z.enum(STAFF_VIEWS).optional(),
  status: z.enum(RELEASE_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100000).optional(),
});

/** The portal's filters from the query string. */
export const PortalFiltersSchema = z.object({
  q: z.string().max(200).optional(),
  area: z.enum(RELEASE_AREAS).optional(),
  phase: z.enum(PHASE_PERIODS).optional(),
  audience: z.enum(AUDIENCES).optional(),
  topic: z.string().trim().min(1).max(RELEASE_LIMITS.topic).optional(),
  maturity: z.enum(MATURITIES).optional(),
  page: z.coerce.number().int().min(1).max(100000).optional(),
});

/**
 * The decision form's fast-track answer: true for "yes", false for "no". A form without the field (an older
 * client) counts as "no", which creates nothing; any other value is null, answered with 400.
 */
export function parseReleaseNow(formData: FormData): boolean | null {
  const v = formData.get("releaseNow");
  if (v === null || v === "no") return false;
  return v === "yes" ? true : null;
}
