// Download one calculation version as an Excel workbook (inputs, checklist, results): a resource route.
// Everyone logged in may read calculations, so everyone may download them.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getInitiative } from "#db/queries/initiatives";
import { getCalculationVersion, getVersionUncertainty } from "#db/queries/som";
import { buildSomWorkbook, SOM_XLSX_CONTENT_TYPE } from "~/som/xlsx.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const [id, cid, vid] = [intParam(params.id), intParam(params.cid), intParam(params.vid)];
  const version = await getCalculationVersion(db(), vid);
  // The URL must name the version's own calculation and initiative; anything else is a page that doesn't exist.
  if (!version || version.calculation.id !== cid || version.calculation.initiative_id !== id) notFound("Calculation version not found");
  const [initiative, stored] = await Promise.all([getInitiative(db(), id), getVersionUncertainty(db(), version.id)]);
  const c = version.calculation;
  const bytes = await buildSomWorkbook(
    { title: c.title, scenario: c.scenario, phase: c.phase, input: version.input, checklist: version.checklist, spreads: version.spreads },
    {
      initiativeTitle: initiative?.title, versionNumber: version.number, exportedAt: new Date().toISOString().slice(0, 10),
      // The version's stored uncertainty when there is one; else the writer computes the same standard analysis.
      ...(stored ? { uncertainty: stored.result } : {}),
    },
  );
  const filename = `som-beregning-${cid}-v${version.number}.xlsx`;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": SOM_XLSX_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
    },
  });
}
