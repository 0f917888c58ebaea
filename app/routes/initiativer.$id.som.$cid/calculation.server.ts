// One SØM calculation's page: the calculation (404 unless it belongs to the initiative in the URL) read
// through the engine's schema, its versions, and the one save (a new version, version-guarded).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { Db } from "#db/client";
import { getInitiative } from "#db/queries/initiatives";
import { getCalculation, listCalculationVersions, saveCalculationVersion } from "#db/queries/som";
import type { Translate } from "~/i18n";
import { somFormDefaults, somFormSchema } from "~/schemas/som-form";
import { versionSimulation } from "~/som/montecarlo";
import { parseSomInput } from "~/som/schema";
import { intParam, notFound, nowIso, withConflictCheck } from "~/utils/http.server";

type Params = { id?: string; cid?: string };

/** The calculation if it belongs to the initiative in the URL; 404 otherwise. */
async function loadCalculation(db: Db, params: Params) {
  const id = intParam(params.id);
  const [initiative, calculation] = await Promise.all([getInitiative(db, id), getCalculation(db, intParam(params.cid))]);
  if (!initiative || !calculation || calculation.initiative_id !== id) notFound();
  return { initiative, calculation };
}

export async function loadCalculationPage(db: Db, params: Params, canEdit: boolean) {
  const { initiative, calculation: c } = await loadCalculation(db, params);
  const versions = await listCalculationVersions(db, c.id);
  // Re-read through the schema: the page shows (and edits) what the engine accepts, never raw JSON.
  const parsed = parseSomInput(c.latest.input);
  return {
    initiative: { id: initiative.id, title: initiative.title },
    calculation: { id: c.id, title: c.title, scenario: c.scenario, phase: c.phase, version: c.version, latest: c.latest },
    input: parsed.ok ? parsed.value : null,
    storedErrors: parsed.ok ? null : parsed.errors,
    versions,
    canEdit,
    defaults: parsed.ok
      ? somFormDefaults(parsed.value, c.latest.checklist, c.latest.spreads, { title: c.title, scenario: c.scenario, version: c.version })
      : null,
  };
}

export async function saveVersionStep(db: Db, { params, form, actorId, t }: { params: Params; form: () => Promise<FormData>; actorId: number; t: Translate }) {
  const { initiative, calculation } = await loadCalculation(db, params);
  const submission = parseWithZod(await form(), { schema: somFormSchema(t, "edit") });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: submission.status ? 400 : 200 });
  const v = submission.value;
  const saved = await withConflictCheck(() =>
    db.transaction().execute((trx) =>
      saveCalculationVersion(trx, calculation.id, v.version!, {
        input: v.input, checklist: v.checklist, spreads: v.spreads, title: v.title, scenario: v.scenario,
        uncertainty: versionSimulation(v.input, v.spreads),
      }, actorId, nowIso()),
    ),
  );
  if (!("versionId" in saved)) return saved;
  return redirect(`/initiativer/${initiative.id}/som/${calculation.id}?gemt=${v.version! + 1}`);
}
