// The new-release steps: what the form starts from (the initiative, the phases it has been in, a draft
// composed from the phase's facts), and starting the release as the workflow allows it.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { z } from "zod";
import type { Db } from "#db/client";
import { getInitiative, listPhasePeriods } from "#db/queries/initiatives";
import { loadReleaseFacts } from "#db/queries/release-facts";
import { insertDraft } from "#db/queries/releases";
import type { PhasePeriod } from "#workflows/phase-model";
import { startRelease, type Actor } from "#workflows/release";
import type { Translate } from "~/i18n";
import { formTopics, NewReleaseQuerySchema, NewReleaseSchema } from "~/schemas/release";
import { editorContext, previewAnswer, previewOf } from "~/utils/release-editor.server";
import { badParameter, notFound } from "~/utils/http.server";
import { refusalText } from "~/i18n/refusals";
import { composeReleaseDraft } from "~/utils/release-text";

/** The phases an initiative has been in (its periods and where it stands now), in order. */
async function phasesOf(db: Db, initiativeId: number, current: PhasePeriod): Promise<PhasePeriod[]> {
  const periods = await listPhasePeriods(db, initiativeId);
  return [...new Set([...periods.map((p) => p.phase), current])];
}

export async function loadNewRelease(db: Db, request: Request, t: Translate) {
  const query = NewReleaseQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) badParameter(request, query.error.issues[0].path.join("."));
  const initiative = await getInitiative(db, query.data.initiative);
  if (!initiative) notFound();
  const phases = await phasesOf(db, initiative.id, initiative.phase);
  const phase = query.data.phase ?? initiative.phase;
  if (!phases.includes(phase)) badParameter(request, "phase");
  const facts = await loadReleaseFacts(db, initiative.id, phase);
  const draft = composeReleaseDraft(facts!);
  const context = await editorContext(db, initiative.id, phase, null, t);
  const preview = previewOf(draft, { phase, edition: 1, initiativeTitle: initiative.title, fallbackArea: initiative.area });
  return { initiative: { id: initiative.id, title: initiative.title }, phase, phases, draft, ...context, preview };
}

export type NewRelease = z.output<typeof NewReleaseSchema>;

export type Started =
  | { ok: true; id: number }
  | { ok: false; refusals: string[]; fieldErrors?: Record<string, string[]> };

/** Starts the draft: 404 for an unknown initiative, a field error for a phase it has not been in, else the workflow's word. */
export async function startReleaseStep(db: Db, user: Actor, value: NewRelease, now: string, t: Translate): Promise<Started> {
  const { initiativeId, phase, topics, newTopics, ...content } = value;
  const initiative = await getInitiative(db, initiativeId);
  if (!initiative) notFound();
  if (!(await phasesOf(db, initiativeId, initiative.phase)).includes(phase)) {
    return { ok: false, refusals: [], fieldErrors: { phase: ["releases.error.phaseNotReached"] } };
  }
  // Edition 1 has no change note.
  const started = startRelease(user, { ...content, topics: formTopics({ topics, newTopics }), maturity: content.maturity ?? null, changeNote: "" });
  if (!started.ok) return { ok: false, refusals: started.refusals.map((refusal) => refusalText({ kind: "release", refusal }, t.lang)) };
  const id = await db.transaction().execute((trx) =>
    insertDraft(trx, {
      initiativeId, phase, decisionId: null, content: started.value.content, authorId: started.value.authorId, requestedById: null,
    }, user.id, now),
  );
  return { ok: true, id };
}

/**
 * The new-release form's one action: "Vis forhåndsvisning" answers the preview and writes nothing (an unknown
 * initiative is still 404); creating answers 400 naming the fields, 409 for a workflow refusal, else the release.
 */
export async function newReleaseAction(db: Db, a: { form: FormData; user: Actor; now: string; t: Translate }) {
  const submission = parseWithZod(a.form, { schema: NewReleaseSchema });
  if (a.form.get("intent") === "preview") {
    const initiative = await getInitiative(db, Number(a.form.get("initiativeId")) || 0);
    if (!initiative) notFound();
    const phase = submission.status === "success" ? submission.value.phase : initiative.phase;
    return previewAnswer(submission, a.form, { phase, edition: 1, initiativeTitle: initiative.title, fallbackArea: initiative.area });
  }
  if (submission.status !== "success") return data({ result: submission.reply(), refusals: [] as string[], preview: null }, { status: 400 });
  const started = await startReleaseStep(db, a.user, submission.value, a.now, a.t);
  if (started.ok) return redirect(`/udgivelser/${started.id}`);
  const status = started.refusals.length ? 409 : 400;
  return data({ result: submission.reply({ formErrors: started.refusals, fieldErrors: started.fieldErrors }), refusals: started.refusals, preview: null }, { status });
}
