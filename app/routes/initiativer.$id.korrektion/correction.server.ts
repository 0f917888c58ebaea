// The correction page's steps: what the form shows, and the one save (parse, ask workflows/correction.ts,
// write the correction and its history row in one transaction).
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Db } from "#db/client";
import { listCorrections, saveCorrection } from "#db/queries/corrections";
import { getInitiative } from "#db/queries/initiatives";
import { correct, CORRECTION_REASON_MIN } from "#workflows/correction";
import type { RoleHolder } from "#workflows/roles";
import type { Lang } from "~/i18n";
import { refusalErrors } from "~/i18n/refusals";
import { CorrectionSchema } from "~/schemas/correction";
import { redirectWithFlash } from "~/utils/flash.server";
import { notFound, nowIso, withConflictCheck } from "~/utils/http.server";

export async function loadCorrectionPage(db: Db, id: number) {
  const i = await getInitiative(db, id);
  if (!i) notFound();
  return {
    initiative: { id: i.id, title: i.title, phase: i.phase, status: i.status, track: i.track, version: i.version },
    corrections: await listCorrections(db, id),
    reasonMin: CORRECTION_REASON_MIN,
  };
}

export async function saveCorrectionStep(
  db: Db,
  { request, id, form, actor, lang }: { request: Request; id: number; form: FormData; actor: { id: number } & RoleHolder; lang: Lang },
) {
  const initiative = await getInitiative(db, id);
  if (!initiative) notFound();
  const submission = parseWithZod(form, { schema: CorrectionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { version, ...input } = submission.value;
  const result = correct(actor, initiative, input);
  if (!result.ok) {
    const { formErrors, fieldErrors } = refusalErrors(result.refusals.map((refusal) => ({ kind: "correction" as const, refusal })), lang);
    const status = result.refusals.some((r) => r.code === "not_admin") ? 403 : 400;
    return data({ result: submission.reply({ formErrors, fieldErrors }) }, { status });
  }
  const conflict = await withConflictCheck(() =>
    db.transaction().execute((trx) => saveCorrection(trx, id, version, result.value, actor.id, nowIso())),
  );
  if (conflict) return conflict;
  return redirectWithFlash(request, `/initiativer/${id}#korrektioner`, "flash.correction.saved");
}
