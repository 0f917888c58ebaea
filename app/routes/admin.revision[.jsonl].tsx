// The audit trail's rows as JSON Lines: one stored row per line, as hashed, with the hashes, honouring the audit page's filters. Admin only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { nowIso } from "~/utils/http.server";
import { jsonLinesExport, parseAuditQuery } from "~/utils/audit.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit.view");
  const query = parseAuditQuery(request);
  return jsonLinesExport(db(), query, nowIso());
}
