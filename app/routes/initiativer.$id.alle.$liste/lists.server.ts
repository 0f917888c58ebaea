// One page of one of an initiative's growing lists. An unknown list is 404; a bad page number is 400.
import type { Executor } from "#db/client";
import { getInitiativeTitle, pageAssessments, pageDecisions, pageHistory } from "#db/queries/initiative-page";
import { namesInHistory } from "#db/queries/history";
import { listFrozenVersions } from "#db/queries/som";
import { badParameter, notFound } from "~/utils/http.server";

export const ALL_PAGE_SIZE = 50;
export const LISTS = ["vurderinger", "beslutninger", "historik"] as const;
export type ListName = (typeof LISTS)[number];

const isList = (v: unknown): v is ListName => (LISTS as readonly unknown[]).includes(v);

export async function loadAllOf(db: Executor, id: number, list: string | undefined, request: Request) {
  const searchParams = new URL(request.url).searchParams;
  if (!isList(list)) notFound();
  const raw = searchParams.get("page") ?? "1";
  const page = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(page >= 1)) badParameter(request, "page");
  const initiative = await getInitiativeTitle(db, id);
  if (!initiative) notFound();
  const slice = { limit: ALL_PAGE_SIZE, offset: (page - 1) * ALL_PAGE_SIZE };
  const base = { initiative, page, pageSize: ALL_PAGE_SIZE };
  if (list === "vurderinger") {
    const { rows, total } = await pageAssessments(db, id, slice);
    return { ...base, list, total, assessments: rows, decisions: [], history: [], historyNames: {}, frozenSom: {} };
  }
  if (list === "beslutninger") {
    const { rows, total } = await pageDecisions(db, id, slice);
    const frozenSom = await listFrozenVersions(db, rows.map((d) => d.id));
    return { ...base, list, total, assessments: [], decisions: rows, history: [], historyNames: {}, frozenSom };
  }
  const { rows, total } = await pageHistory(db, id, slice);
  const historyNames = await namesInHistory(db, rows);
  return { ...base, list, total, assessments: [], decisions: [], history: rows, historyNames, frozenSom: {} };
}
