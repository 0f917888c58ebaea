// The release editor's steps: load the release (404 when there is none), and save an edit of its draft as
// the workflow allows it (a stale version is a ConflictError, answered 409 by the route's conflict idiom).
import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";
import type { Db } from "#db/client";
import { ConflictError } from "#db/errors";
import { getRelease, saveReleaseState, toReleaseState } from "#db/queries/releases";
import { editDraft, type Actor, type EditionKind, type ReleaseContent, type ReleaseRefusal } from "#workflows/release";
import { notFound } from "~/utils/http.server";
import type { Translate } from "~/i18n";
import { refusalErrors, releaseRefusalMessage } from "~/utils/release-text";

const CONTENT_FIELDS = ["title", "summary", "bodyMarkdown", "audiences", "area", "topics", "maturity"];

export async function loadDraft(db: Db, id: number) {
  const release = await getRelease(db, id);
  if (!release) notFound();
  return release;
}

export type DraftEdit = Omit<ReleaseContent, "maturity"> & { maturity?: ReleaseContent["maturity"]; version: number; editionKind?: EditionKind };

/** Saves the edit in one transaction; returns the workflow's refusals (none when saved). */
export function editDraftStep(db: Db, user: Actor, id: number, value: DraftEdit, now: string): Promise<ReleaseRefusal[]> {
  const { version, editionKind, ...content } = value;
  return db.transaction().execute(async (trx) => {
    const before = await getRelease(trx, id);
    if (!before || before.version !== version) throw new ConflictError("release", id);
    const result = editDraft(toReleaseState(before, user.id), user, {
      content: { ...content, maturity: content.maturity ?? null },
      ...(before.edition > 1 && editionKind ? { editionKind } : {}),
    });
    if (!result.ok) return result.refusals;
    await saveReleaseState(trx, before, version, result.value, "release.edited", user.id, now);
    return [];
  });
}

/** The 409 for a refused edit: each refusal's text, on its field where it has one. */
export function refusedEdit(submission: Submission<unknown>, refusals: ReleaseRefusal[], t: Translate) {
  const messages = refusals.map((r) => releaseRefusalMessage(r, t));
  return data({ result: submission.reply(refusalErrors(refusals, messages, CONTENT_FIELDS)), refusals: messages, conflict: false }, { status: 409 });
}
