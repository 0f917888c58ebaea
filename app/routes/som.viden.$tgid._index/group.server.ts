// One target group of the knowledge database: what the page shows, and its two intents, delete the group
// (version-guarded) or start a SØM calculation from its estimates and a study (prices moved to the chosen
// price year with the net price index).
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { Db } from "#db/client";
import { getInitiative } from "#db/queries/initiatives";
import { createCalculation } from "#db/queries/som";
import { listInitiativeChoices } from "#db/queries/som-experience";
import { deleteTargetGroup, getTargetGroupWithEntries, listNpi } from "#db/queries/som-knowledge";
import type { Translate } from "~/i18n";
import { draftInputFromKnowledge } from "~/som/from-knowledge";
import { NpiMissingYearError, npiTable } from "~/som/npi";
import { parseSomInput } from "~/som/schema";
import { DeleteSchema, StartCalculationSchema } from "~/schemas/som-knowledge";
import { intParam, notFound, nowIso, withConflictCheck } from "~/utils/http.server";

export type ActionData = { intent: "start" | "delete"; result: SubmissionResult<string[]> } | { conflict: true };

export async function loadGroup(db: Db, tgid: string | undefined) {
  const entries = await getTargetGroupWithEntries(db, intParam(tgid));
  if (!entries) notFound("Target group not found");
  return entries;
}

export async function loadGroupPage(db: Db, tgid: string | undefined, canStart: boolean) {
  const entries = await loadGroup(db, tgid);
  const npi = await listNpi(db);
  const initiatives = canStart ? await listInitiativeChoices(db) : [];
  return { ...entries, npiYears: npi.map((r) => r.year), npiHasExamples: npi.some((r) => r.is_example), initiatives };
}

type Step = { tgid: string | undefined; form: FormData; actorId: number; t: Translate };

export async function deleteGroupStep(db: Db, { tgid, form, actorId }: Step) {
  const entries = await loadGroup(db, tgid);
  const submission = parseWithZod(form, { schema: DeleteSchema });
  if (submission.status !== "success") return data<ActionData>({ intent: "delete", result: submission.reply() }, { status: 400 });
  const conflict = await withConflictCheck(() =>
    db.transaction().execute((trx) => deleteTargetGroup(trx, entries.group.id, submission.value.version, actorId, nowIso())),
  );
  if (conflict) return conflict;
  return redirect("/som/viden");
}

export async function startCalculationStep(db: Db, { tgid, form, actorId, t }: Step) {
  const entries = await loadGroup(db, tgid);
  const submission = parseWithZod(form, { schema: StartCalculationSchema });
  const refuse = (fieldErrors: Record<string, string[]>, formErrors?: string[]) =>
    data<ActionData>({ intent: "start", result: submission.reply({ fieldErrors, formErrors }) }, { status: 400 });
  if (submission.status !== "success") return data<ActionData>({ intent: "start", result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const { group, estimates, studies } = entries;
  const study = studies.find((s) => s.id === v.studyId);
  if (!study) return refuse({ studyId: ["somk.error.study"] });
  if (!(await getInitiative(db, v.initiativeId))) return refuse({ initiativeId: ["somk.error.initiative"] });
  if (!estimates.length) return refuse({}, ["somk.error.noEstimates"]);

  const npi = npiTable(await listNpi(db));
  let input;
  try {
    input = draftInputFromKnowledge(
      estimates.map((e) => ({
        label: e.label, consequenceArea: e.consequence_area, kind: e.kind, deltas: e.deltas, unit: e.unit,
        prices: { kommune: e.price_kommune, region: e.price_region, stat: e.price_stat }, priceYear: e.price_year,
      })),
      { rateWith: study.rate_with, rateWithout: study.rate_without },
      npi,
      { priceYear: v.priceYear, citizens: v.citizens, courseLengthYears: v.courseLengthYears },
    );
  } catch (error) {
    if (error instanceof NpiMissingYearError) return refuse({ priceYear: ["somk.error.npiMissing"] });
    throw error;
  }
  const checked = parseSomInput(input);
  if (!checked.ok) return refuse({}, ["somk.error.draftInvalid"]);

  const examples = group.is_example || study.is_example || estimates.some((e) => e.is_example);
  const checklist = {
    targetGroupMatch: "partly" as const,
    targetGroupNote: t("somk.start.checklistGroup", { name: group.name, band: group.age_band, measure: group.success_measure }),
    effectMeasureMatch: "partly" as const,
    effectMeasureNote: t("somk.start.checklistMeasure"),
    effectSource: t("somk.start.checklistSource", { intervention: study.intervention, level: study.evidence_level, citation: study.citation })
      + (examples ? ` ${t("somk.start.checklistExample")}` : ""),
    priceYear: v.priceYear,
  };
  const { calculationId } = await db.transaction().execute((trx) =>
    createCalculation(trx, {
      initiativeId: v.initiativeId, phase: v.phase, scenario: v.scenario, title: v.title, input: checked.value, checklist, spreads: null,
    }, actorId, nowIso()),
  );
  return redirect(`/initiativer/${v.initiativeId}/som/${calculationId}`);
}
