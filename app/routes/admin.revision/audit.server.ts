// The audit page's steps (issue 14): one page of the filtered history with the chain's head and the filter
// choices, and the chain check the admin asks for (on demand: it walks the whole chain, in chunks).
import type { Executor } from "#db/client";
import { aggregateOf, chainHead, historyActions, historyActors, namesInHistory, pageAuditHistory, verifyHistoryChain } from "#db/queries/history";
import type { AuditQuery } from "~/utils/audit.server";
import { badRequest, readForm } from "~/utils/http.server";

export const AUDIT_PAGE_SIZE = 50;

/** The page's data: the chain's head, the filter choices, one page of rows with their aggregate. */
export async function loadAuditPage(db: Executor, q: AuditQuery) {
  const [head, actors, actions, page] = await Promise.all([
    chainHead(db),
    historyActors(db),
    historyActions(db),
    pageAuditHistory(db, q.filters, { limit: AUDIT_PAGE_SIZE, offset: (q.page - 1) * AUDIT_PAGE_SIZE }),
  ]);
  const names = await namesInHistory(db, page.rows);
  return {
    head: { length: head.length, lastHash: head.last_hash },
    actors,
    actions,
    filters: q.raw,
    page: q.page,
    pageSize: AUDIT_PAGE_SIZE,
    total: page.total,
    rows: page.rows.map((r) => ({ ...r, aggregate: aggregateOf(r.entity) })),
    names,
  };
}

/** The chain check the admin asked for, with when it ran; `intent` must be "verify". */
export async function verifyStep(db: Executor, request: Request, now: string) {
  const form = await readForm(request);
  if (form.get("intent") !== "verify") badRequest('Unknown or missing "intent"');
  const state = await verifyHistoryChain(db);
  return { verification: { ...state, checkedAt: now } };
}

