// The initiative page's user-involvement steps: add (no intent, as before), edit and delete (after a
// confirmation), each answering 400 with the form's errors, 409 for a stale entry, else a receipt.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Db } from "#db/client";
import { addUserInvolvement, getInitiative } from "#db/queries/initiatives";
import { deleteUserInvolvement, updateUserInvolvement } from "#db/queries/involvements";
import { DeleteInvolvementSchema, EditInvolvementSchema, InvolvementSchema } from "~/schemas/initiative";
import { confirmationFields, isConfirmed } from "~/utils/confirm.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { notFound, nowIso, readForm, withConflictCheck } from "~/utils/http.server";

const back = (id: number) => `/initiativer/${id}#brugerinddragelse`;

export async function involvementStep(db: Db, request: Request, id: number, actorId: number) {
  if (!(await getInitiative(db, id))) notFound();
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "editInvolvement") {
    const submission = parseWithZod(form, { schema: EditInvolvementSchema });
    if (submission.status !== "success") return data({ ...submission.reply(), intent, involvementId: Number(form.get("involvementId")) }, { status: 400 });
    const { involvementId, version, phase, who, how, whatChanged } = submission.value;
    const saved = await withConflictCheck(
      () => db.transaction().execute((trx) => updateUserInvolvement(trx, { initiativeId: id, involvementId, version, phase, who, how, whatChanged }, actorId, nowIso())),
      { intent, involvementId },
    );
    return saved ?? redirectWithFlash(request, back(id), "flash.involvement.updated");
  }
  if (intent === "deleteInvolvement") {
    const submission = parseWithZod(form, { schema: DeleteInvolvementSchema });
    if (submission.status !== "success") return data({ ...submission.reply(), intent }, { status: 400 });
    const { involvementId, version } = submission.value;
    if (!isConfirmed(form)) return data({ intent, involvementId, confirm: confirmationFields(form) });
    const deleted = await withConflictCheck(
      () => db.transaction().execute((trx) => deleteUserInvolvement(trx, { initiativeId: id, involvementId, version }, actorId, nowIso())),
      { intent, involvementId },
    );
    return deleted ?? redirectWithFlash(request, back(id), "flash.involvement.deleted");
  }
  const submission = parseWithZod(form, { schema: InvolvementSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await db.transaction().execute((trx) => addUserInvolvement(trx, { initiativeId: id, ...submission.value }, actorId, nowIso()));
  return redirectWithFlash(request, back(id), "flash.involvement.added");
}
