// The page's one action: read the upload, read the workbook in full (in the worker thread, so the server
// goes on answering others meanwhile), and save it as a new calculation or as a new version of one of the
// initiative's calculations. Each problem is named by sheet and cell; nothing is saved unless all is well.
import { parseWithZod } from "@conform-to/zod/v4";
import type { SubmissionResult } from "@conform-to/react";
import { data, MaxPartSizeExceededError, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import type { Db } from "#db/client";
import { ConflictError } from "#db/errors";
import { createCalculation, getCalculation, saveCalculationVersion } from "#db/queries/som";
import type { Lang } from "~/i18n";
import { MAX_WORKBOOK_BYTES, WorkbookImportSchema } from "~/schemas/som-knowledge";
import { versionSimulation } from "~/som/montecarlo";
import { readWorkbookOffThread } from "~/som/xlsx-parse.server";
import { formatXlsxIssue, type SomWorkbookImport } from "~/som/xlsx.server";
import { badRequest, checkFieldNames } from "~/utils/http.server";

export type ActionData = { result: SubmissionResult<string[]>; issues?: string[]; conflict?: true };

/** The submitted form, each part held in memory up to the workbook limit; a broken body is a 400. */
export async function readUpload(request: Request): Promise<FormData | string> {
  try {
    if (!(request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
      return await request.formData();
    }
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_WORKBOOK_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return "somk.error.fileTooLarge";
    badRequest("The request body is not a form");
  }
}

/** A new version keeps the calculation's phase; title and scenario follow the workbook. */
function versionData(d: SomWorkbookImport) {
  return { input: d.input, checklist: d.checklist, spreads: d.spreads, title: d.title, scenario: d.scenario, uncertainty: versionSimulation(d.input, d.spreads) };
}

function refuse(fieldErrors: Record<string, string[]>) {
  const result = parseWithZod(new FormData(), { schema: WorkbookImportSchema }).reply({ fieldErrors });
  return data<ActionData>({ result }, { status: 400 });
}

export async function importWorkbookStep(
  db: Db, { initiativeId, upload, userId, now, lang }: { initiativeId: number; upload: FormData | string; userId: number; now: string; lang: Lang },
) {
  if (typeof upload === "string") return refuse({ file: [upload] });
  const submission = parseWithZod(checkFieldNames(upload), { schema: WorkbookImportSchema });
  if (submission.status !== "success") return data<ActionData>({ result: submission.reply() }, { status: 400 });

  const parsed = await readWorkbookOffThread(new Uint8Array(await submission.value.file.arrayBuffer()));
  if (!parsed.ok) {
    return data<ActionData>(
      { result: submission.reply({ fieldErrors: { file: ["somk.error.workbook"] } }), issues: parsed.errors.map((e) => formatXlsxIssue(e, lang)) },
      { status: 400 },
    );
  }
  const target = submission.value.target;
  if (target === "new") {
    const { calculationId } = await db.transaction().execute((trx) =>
      createCalculation(trx, { initiativeId, ...parsed.value, uncertainty: versionSimulation(parsed.value.input, parsed.value.spreads) }, userId, now));
    return redirect(`/initiativer/${initiativeId}/som/${calculationId}`);
  }
  const [calculationId, expectedVersion] = target.split("@").map(Number);
  const existing = await getCalculation(db, calculationId);
  if (!existing || existing.initiative_id !== initiativeId) return refuse({ target: ["somk.error.importTarget"] });
  try {
    await db.transaction().execute((trx) => saveCalculationVersion(trx, calculationId, expectedVersion, versionData(parsed.value), userId, now));
  } catch (error) {
    // Someone saved the calculation after this page was loaded: nothing is written, the user reloads.
    if (error instanceof ConflictError) return data<ActionData>({ result: submission.reply(), conflict: true }, { status: 409 });
    throw error;
  }
  return redirect(`/initiativer/${initiativeId}/som/${calculationId}`);
}
