// What the workbook page shows: the initiative's calculations, each with its latest version's net result
// and the address of that version's workbook.
import type { Db } from "#db/client";
import { getInitiative } from "#db/queries/initiatives";
import { getCalculation, listCalculationsForInitiative } from "#db/queries/som";
import { calculate } from "~/som/engine";
import { notFound } from "~/utils/http.server";

export async function loadInitiativeFor(db: Db, id: number) {
  const initiative = await getInitiative(db, id);
  if (!initiative) notFound("Initiative not found");
  return initiative;
}

export async function loadExcelPage(db: Db, id: number) {
  const initiative = await loadInitiativeFor(db, id);
  const rows = await listCalculationsForInitiative(db, initiative.id);
  const calculations = [];
  for (const r of rows) {
    const c = await getCalculation(db, r.id);
    if (!c) continue;
    calculations.push({
      id: r.id, title: r.title, phase: r.phase, scenario: r.scenario, version: r.version, latestNumber: r.latest_number,
      latestVersionId: c.latest.id, net: calculate(c.latest.input).summary.net,
    });
  }
  return { initiative: { id: initiative.id, title: initiative.title }, calculations };
}
