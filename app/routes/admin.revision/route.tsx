// The admin's audit trail (issue 14): the chain's state with an on-demand check, the whole history with
// filters (who, area, action, dates) and paging, and links to the CSV and JSON-lines exports. Admin only:
// others get 403; a malformed filter is 400 naming the parameter.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { nowIso } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { parseAuditQuery } from "~/utils/audit.server";
import { loadAuditPage, verifyStep } from "./audit.server";
import { AuditPage } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("audit.title")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit.view");
  const query = parseAuditQuery(request);
  return loadAuditPage(db(), query);
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "audit.view");
  return verifyStep(db(), request, nowIso());
}

export default function AuditRoute() {
  return <AuditPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
