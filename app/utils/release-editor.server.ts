// What both release editors (new draft, edit draft) need on the server: the preview of the public page from the
// form as typed (writing nothing), the topics to choose from, and the internal texts shown beside the editor.
import type { Submission } from "@conform-to/react";
import type { Executor } from "#db/client";
import { loadReleaseFacts } from "#db/queries/release-facts";
import { listKnownTopics, normaliseTopics } from "#db/queries/releases";
import type { PhasePeriod } from "#workflows/phase-model";
import { isAudience, isMaturity, RELEASE_AREAS, RELEASE_LIMITS, type ReleaseArea, type ReleaseContent } from "#workflows/release";
import type { Translate } from "~/i18n";
import { internalReference } from "~/utils/release-text";
import { releaseArticle } from "~/utils/release-article.server";

export interface PreviewWhere {
  phase: PhasePeriod;
  edition: number;
  initiativeTitle: string;
  fallbackArea: ReleaseArea;
}

const text = (form: FormData, name: string, max: number) => String(form.get(name) ?? "").slice(0, max);

/**
 * The form's content as the public page would show it, read leniently (a preview of an unfinished draft is the
 * point): unknown choices are left out, texts are cut at their limits. Nothing is written.
 */
export function contentFromForm(form: FormData): ReleaseContent {
  const typed = String(form.get("newTopics") ?? "").split(/[,;]/);
  return {
    title: text(form, "title", RELEASE_LIMITS.title).trim(),
    summary: text(form, "summary", RELEASE_LIMITS.summary).trim(),
    bodyMarkdown: text(form, "bodyMarkdown", RELEASE_LIMITS.body),
    audiences: form.getAll("audiences").map(String).filter(isAudience),
    areas: RELEASE_AREAS.filter((a) => form.getAll("areas").map(String).includes(a)),
    topics: normaliseTopics([...form.getAll("topics").map(String), ...typed].map((t) => t.slice(0, RELEASE_LIMITS.topic))).slice(0, RELEASE_LIMITS.topics),
    maturity: isMaturity(form.get("maturity")) ? (form.get("maturity") as ReleaseContent["maturity"]) : null,
    changeNote: text(form, "changeNote", RELEASE_LIMITS.changeNote).trim(),
  };
}

export function previewOf(content: ReleaseContent, where: PreviewWhere) {
  return releaseArticle(content, { ...where, publishedAt: null });
}

/**
 * The answer to "Vis forhåndsvisning" (and the live preview's request): the form as it was typed, without its
 * errors (a preview is not a save), and the preview of the public page. Status 200; nothing written.
 */
export function previewAnswer(submission: Submission<unknown>, form: FormData, where: PreviewWhere) {
  return { result: { ...submission.reply(), error: {} }, refusals: [] as string[], conflict: false, preview: previewOf(contentFromForm(form), where) };
}

/** Every topic in use, and the internal texts for the reference panel. */
export async function editorContext(db: Executor, initiativeId: number, phase: PhasePeriod, decisionId: number | null, t: Translate) {
  const [knownTopics, facts] = await Promise.all([listKnownTopics(db), loadReleaseFacts(db, initiativeId, phase, decisionId)]);
  return { knownTopics, internal: internalReference(facts, t) };
}
