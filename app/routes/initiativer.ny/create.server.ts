// The new-initiative form's steps: the owners to choose from, and the one save (parse, check the owner is an
// active program manager, create the initiative in the state workflows/initiative.ts gives a new one, with
// its owner and budgets, in one transaction).
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Db } from "#db/client";
import { createInitiative } from "#db/queries/initiatives";
import { isActiveProgramManager, listProgramManagers, setOwnerAndBudgets } from "#db/queries/portfolio";
import { newInitiativeState } from "#workflows/initiative";
import { CreateInitiativeSchema } from "~/schemas/initiative";
import { redirectWithFlash } from "~/utils/flash.server";
import { nowIso } from "~/utils/http.server";

export async function loadNewInitiativePage(db: Db, me: number) {
  return { owners: await listProgramManagers(db), me };
}

export async function createInitiativeStep(db: Db, { request, form, actorId }: { request: Request; form: FormData; actorId: number }) {
  const submission = parseWithZod(form, { schema: CreateInitiativeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  if (v.ownerId != null && !(await isActiveProgramManager(db, v.ownerId))) {
    return data(submission.reply({ fieldErrors: { ownerId: ["error.invalidOwner"] } }), { status: 400 });
  }
  const now = nowIso();
  const id = await db.transaction().execute(async (trx) => {
    const created = await createInitiative(trx, {
      ...v,
      ...newInitiativeState(v.phase, v.track),
      plannedStart: v.plannedStart ?? null,
      plannedEnd: v.plannedEnd ?? null,
    }, actorId, now);
    await setOwnerAndBudgets(trx, created, { ownerId: v.ownerId, budgets: v.budgets && new Map(v.budgets) }, actorId, now);
    return created;
  });
  return redirectWithFlash(request, `/initiativer/${id}`, "flash.initiative.created");
}
