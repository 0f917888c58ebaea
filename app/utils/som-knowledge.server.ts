// The knowledge database's create and edit routes below a target group: who may, and which group; and the
// one way an edit page changes an entry (save its edited values, or delete it), version-guarded.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import type { Db, Executor } from "#db/client";
import { getTargetGroup } from "#db/queries/som-knowledge";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound, nowIso, withConflictCheck } from "~/utils/http.server";

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

/**
 * One intent of an entry's edit page: parse the form with `schema` (400 with conform's reply), run `change`
 * in one transaction at the version the form was loaded at (409 when someone changed the entry since), and
 * go `back` to the target group's table.
 */
export async function changeKnowledgeEntry<S extends z.ZodType<{ version: number }>>(
  db: Db, form: FormData, schema: S, back: string, change: (trx: Executor, value: z.output<S>, now: string) => Promise<void>,
) {
  const submission = parseWithZod(form, { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const conflict = await withConflictCheck(() => db.transaction().execute((trx) => change(trx, submission.value, nowIso())));
  return conflict ?? redirect(back);
}
