// The release editor's steps: load the draft with what the editor shows beside it (the preview of the public
// page, the topics in use, the internal texts), preview the form as typed (writing nothing), and save an edit of
// the draft as the workflow allows it (a stale version is answered 409 by the route's conflict idiom).
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { data, redirect } from "@remix-run/node";
import type { Db } from "#db/client";
import { ConflictError } from "#db/errors";
import { getReleaseDetail } from "#db/queries/release-views";
import { contentOf, getRelease, saveReleaseState, toReleaseState } from "#db/queries/releases";
import { editDraft, type Actor, type ReleaseRefusal } from "#workflows/release";
import type { Translate } from "~/i18n";
import { EditReleaseSchema, formTopics } from "~/schemas/release";
import { isConflictReply, notFound, withConflictCheck } from "~/utils/http.server";
import { editorContext, previewAnswer, previewOf, type PreviewWhere } from "~/utils/release-editor.server";
import { refusalErrors } from "~/i18n/refusals";

const CONTENT_FIELDS = ["title", "summary", "bodyMarkdown", "audiences", "areas", "topics", "maturity", "changeNote"];

async function loadDetail(db: Db, id: number) {
  const detail = await getReleaseDetail(db, id);
  if (!detail) notFound();
  const r = detail.release;
  const where: PreviewWhere = { phase: r.phase, edition: r.edition, initiativeTitle: detail.initiative.title, fallbackArea: r.area };
  return { release: r, where };
}

export async function loadEditor(db: Db, id: number, t: Translate) {
  const { release, where } = await loadDetail(db, id);
  const context = await editorContext(db, release.initiative_id, release.phase, release.decision_id, t);
  return { release, ...context, preview: previewOf(contentOf(release), where) };
}

type Value = z.output<typeof EditReleaseSchema>;

/** Saves the edit in one transaction; returns the workflow's refusals (none when saved). */
export function editDraftStep(db: Db, user: Actor, id: number, value: Value, now: string): Promise<ReleaseRefusal[]> {
  const { version, editionKind, newTopics, topics, ...content } = value;
  return db.transaction().execute(async (trx) => {
    const before = await getRelease(trx, id);
    if (!before || before.version !== version) throw new ConflictError("release", id);
    const result = editDraft(toReleaseState(before, user.id), user, {
      content: { ...content, topics: formTopics({ topics, newTopics }), maturity: content.maturity ?? null, changeNote: before.edition > 1 ? content.changeNote : "" },
      ...(before.edition > 1 && editionKind ? { editionKind } : {}),
    });
    if (!result.ok) return result.refusals;
    await saveReleaseState(trx, before, version, result.value, "release.edited", user.id, now);
    return [];
  });
}

/**
 * The editor's one action: "Vis forhåndsvisning" (intent=preview) answers the preview and writes nothing; a save
 * answers 400 naming the fields, 409 for a refusal or a stale version, else back to the release.
 */
export async function editReleaseAction(db: Db, a: { id: number; form: FormData; user: Actor; now: string; t: Translate }) {
  const { where } = await loadDetail(db, a.id);
  const submission = parseWithZod(a.form, { schema: EditReleaseSchema });
  if (a.form.get("intent") === "preview") return previewAnswer(submission, a.form, where);
  if (submission.status !== "success") return data({ result: submission.reply(), refusals: [] as string[], conflict: false, preview: null }, { status: 400 });
  const refusals = await withConflictCheck(() => editDraftStep(db, a.user, a.id, submission.value, a.now), {
    result: submission.reply(), refusals: [] as string[], preview: null,
  });
  if (isConflictReply(refusals)) return refusals;
  if (refusals.length === 0) return redirect(`/udgivelser/${a.id}`);
  const { messages, formErrors, fieldErrors } = refusalErrors(refusals.map((refusal) => ({ kind: "release" as const, refusal })), a.t.lang, CONTENT_FIELDS);
  return data({ result: submission.reply({ formErrors, fieldErrors }), refusals: messages, conflict: false, preview: null }, { status: 409 });
}
