// The audit trail's rows as CSV for Danish Excel (UTF-8 with BOM, semicolons, headings in the reader's language), with the hashes, honouring the audit page's filters. Admin only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { nowIso } from "~/utils/http.server";
import { getT } from "~/utils/i18n.server";
import { csvExport, parseAuditQuery } from "~/utils/audit.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit.view");
  const t = getT(request);
  const query = parseAuditQuery(request);
  return csvExport(db(), query, t, nowIso());
}
