// The knowledge database's create and edit routes below a target group: who may, and which group.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTargetGroup } from "#db/queries/som-knowledge";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound } from "~/utils/http.server";

/**
 * The user, who must be allowed to edit the knowledge database (login redirect or 403 first), and the
 * target group the URL's `tgid` names (404 unless it exists).
 */
export async function requireTargetGroupToEdit(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requirePermission(request, "som.knowledge.edit");
  const group = await getTargetGroup(db(), intParam(params.tgid));
  if (!group) notFound("Target group not found");
  return { user, group };
}
