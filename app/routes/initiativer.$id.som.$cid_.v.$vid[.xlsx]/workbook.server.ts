// One calculation version as an Excel workbook (inputs, checklist, results), 404 unless the URL names the
// version's own calculation and initiative.
import type { Db } from "#db/client";
import { getInitiative } from "#db/queries/initiatives";
import { getCalculationVersion, getVersionUncertainty } from "#db/queries/som";
import { buildSomWorkbook, SOM_XLSX_CONTENT_TYPE } from "~/som/xlsx.server";
import { notFound } from "~/utils/http.server";

export async function versionWorkbook(db: Db, { id, cid, vid }: { id: number; cid: number; vid: number }) {
  const version = await getCalculationVersion(db, vid);
  // The URL must name the version's own calculation and initiative; anything else is a page that doesn't exist.
  if (!version || version.calculation.id !== cid || version.calculation.initiative_id !== id) notFound("Calculation version not found");
  const [initiative, stored] = await Promise.all([getInitiative(db, id), getVersionUncertainty(db, version.id)]);
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
