// The edit form's one step: refuse governed fields (workflows/initiative.ts), parse, save in one transaction.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Db } from "#db/client";
import { getAgreementYears, getInitiative, updateInitiative } from "#db/queries/initiatives";
import { getOwnerAndBudgets, isActiveProgramManager, listProgramManagers, setOwnerAndBudgets } from "#db/queries/portfolio";
import { editRefusals, forbiddenEditFields } from "#workflows/initiative";
import { leavesScreening } from "#workflows/phase-model";
import type { Translate } from "~/i18n";
import { EditInitiativeSchema } from "~/schemas/initiative";
import { redirectWithFlash } from "~/utils/flash.server";
import { notFound, nowIso, withConflictCheck } from "~/utils/http.server";

export async function loadEditPage(db: Db, id: number) {
  const initiative = await getInitiative(db, id);
  if (!initiative) notFound();
  const [years, ownership, owners] = await Promise.all([getAgreementYears(db, id), getOwnerAndBudgets(db, id), listProgramManagers(db)]);
  return { initiative, years, ownership, owners, trackEditable: !forbiddenEditFields(initiative).includes("track") };
}

export async function saveEdit(
  db: Db,
  { request, id, form, actorId, t }: { request: Request; id: number; form: FormData; actorId: number; t: Translate },
) {
  const initiative = await getInitiative(db, id);
  if (!initiative) notFound();
  const refused = editRefusals(initiative, form.keys());
  if (refused.length) {
    const messages = refused.map((r) => t("edit.governed.refused", { field: t(`edit.governed.${r.field}`) }));
    const fieldErrors = Object.fromEntries(refused.map((r, i) => [r.field, [messages[i]]]));
    return data({ result: { status: "error" as const, error: fieldErrors }, refused: refused.map((r) => r.field), messages }, { status: 400 });
  }
  const submission = parseWithZod(form, { schema: EditInitiativeSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { version, track, ...v } = submission.value;
  // The track is the program manager's to set only while in screening; otherwise it is left as the decision fixed it.
  if (v.ownerId != null && !(await isActiveProgramManager(db, v.ownerId))) {
    return data({ result: submission.reply({ fieldErrors: { ownerId: ["error.invalidOwner"] } }) }, { status: 400 });
  }
  const input = leavesScreening(initiative.phase) ? { ...v, track: track ? (Number(track) as 1 | 2) : null } : v;
  const now = nowIso();
  const conflict = await withConflictCheck(() =>
    db.transaction().execute(async (trx) => {
      // Read before the edit rewrites the agreement rows, so the history row shows what the budgets were.
      const previous = await getOwnerAndBudgets(trx, id);
      await updateInitiative(trx, id, version, input, actorId, now);
      await setOwnerAndBudgets(trx, id, { ownerId: v.ownerId, budgets: v.budgets && new Map(v.budgets) }, actorId, now, previous);
    }),
  );
  if (conflict) return conflict;
  return redirectWithFlash(request, `/initiativer/${id}`, "flash.initiative.updated");
}
