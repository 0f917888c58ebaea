// The new-release steps: what the form starts from (the initiative, the phases it has been in, a draft
// composed from the phase's facts), and starting the release as the workflow allows it.
import type { Db } from "#db/client";
import { getInitiative, listPhasePeriods } from "#db/queries/initiatives";
import { loadReleaseFacts } from "#db/queries/release-facts";
import { insertDraft } from "#db/queries/releases";
import type { PhasePeriod } from "#workflows/phase-model";
import { startRelease, type Actor, type ReleaseContent } from "#workflows/release";
import type { Translate } from "~/i18n";
import { NewReleaseQuerySchema } from "~/schemas/release";
import { badParameter, notFound } from "~/utils/http.server";
import { composeReleaseDraft, releaseRefusalMessage } from "~/utils/release-text";

/** The phases an initiative has been in (its periods and where it stands now), in order. */
async function phasesOf(db: Db, initiativeId: number, current: PhasePeriod): Promise<PhasePeriod[]> {
  const periods = await listPhasePeriods(db, initiativeId);
  return [...new Set([...periods.map((p) => p.phase), current])];
}

export async function loadNewRelease(db: Db, request: Request) {
  const query = NewReleaseQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) badParameter(request, query.error.issues[0].path.join("."));
  const initiative = await getInitiative(db, query.data.initiative);
  if (!initiative) notFound();
  const phases = await phasesOf(db, initiative.id, initiative.phase);
  const phase = query.data.phase ?? initiative.phase;
  if (!phases.includes(phase)) badParameter(request, "phase");
  const facts = await loadReleaseFacts(db, initiative.id, phase);
  return { initiative: { id: initiative.id, title: initiative.title }, phase, phases, draft: composeReleaseDraft(facts!) };
}

export type NewRelease = Omit<ReleaseContent, "maturity"> & { maturity?: ReleaseContent["maturity"]; initiativeId: number; phase: PhasePeriod };

export type Started =
  | { ok: true; id: number }
  | { ok: false; refusals: string[]; fieldErrors?: Record<string, string[]> };

/** Starts the draft: 404 for an unknown initiative, a field error for a phase it has not been in, else the workflow's word. */
export async function startReleaseStep(db: Db, user: Actor, value: NewRelease, now: string, t: Translate): Promise<Started> {
  const { initiativeId, phase, ...content } = value;
  const initiative = await getInitiative(db, initiativeId);
  if (!initiative) notFound();
  if (!(await phasesOf(db, initiativeId, initiative.phase)).includes(phase)) {
    return { ok: false, refusals: [], fieldErrors: { phase: ["releases.error.phaseNotReached"] } };
  }
  const started = startRelease(user, { ...content, maturity: content.maturity ?? null });
  if (!started.ok) return { ok: false, refusals: started.refusals.map((r) => releaseRefusalMessage(r, t)) };
  const id = await db.transaction().execute((trx) =>
    insertDraft(trx, {
      initiativeId, phase, decisionId: null, content: started.value.content, authorId: started.value.authorId, requestedById: null,
    }, user.id, now),
  );
  return { ok: true, id };
}
