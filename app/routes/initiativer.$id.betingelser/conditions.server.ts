// The conditions page's steps: what it shows (every condition with its due standing), and one
// load-ask-save step per form: owner and due date, and met/waived/open (workflows/condition.ts decides).
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Db } from "#db/client";
import {
  getInitiativeCondition, isActiveUser, listConditionOwners, listInitiativeConditions, saveConditionAssignment, saveConditionState,
  type ConditionRow,
} from "#db/queries/conditions";
import { danishDate } from "#db/queries/decisions";
import { getInitiative } from "#db/queries/initiatives";
import { assignCondition, dueStanding, reminderDaysFrom, setConditionState, type ConditionFacts, type ConditionRefusal } from "#workflows/condition";
import type { Lang } from "~/i18n";
import { refusalErrors } from "~/i18n/refusals";
import { AssignConditionSchema, ConditionStateSchema } from "~/schemas/condition";
import { redirectWithFlash } from "~/utils/flash.server";
import { badRequest, notFound, nowIso, withConflictCheck } from "~/utils/http.server";

type Actor = { id: number; role: string };
type Ctx = { request: Request; id: number; form: FormData; actor: Actor; lang: Lang };

const facts = (c: ConditionRow): ConditionFacts => ({ status: c.status, state: c.state, dueDate: c.due_date, ownerId: c.owner_id });

export async function loadConditionsPage(db: Db, id: number, now: string) {
  const i = await getInitiative(db, id);
  if (!i) notFound();
  const [conditions, owners] = await Promise.all([listInitiativeConditions(db, id), listConditionOwners(db)]);
  const today = danishDate(now);
  const days = reminderDaysFrom(process.env.CONDITION_REMINDER_DAYS);
  return {
    initiative: { id: i.id, title: i.title },
    conditions: conditions.map((c) => ({ ...c, standing: dueStanding(facts(c), today, days) })),
    owners: owners.map((o) => ({ id: o.id, name: o.name })),
  };
}

function refused(intent: string, conditionId: number, refusals: ConditionRefusal[], lang: Lang, reply: (o: object) => unknown) {
  const { formErrors, fieldErrors } = refusalErrors(refusals.map((refusal) => ({ kind: "condition" as const, refusal })), lang);
  const status = refusals.some((r) => r.code === "not_allowed") ? 403 : refusals.some((r) => r.code === "condition_resolved") ? 409 : 400;
  return data({ intent, conditionId, result: reply({ formErrors, fieldErrors }) }, { status });
}

async function loadCondition(db: Db, id: number, conditionId: number) {
  if (!(await getInitiative(db, id))) notFound();
  const c = await getInitiativeCondition(db, id, conditionId);
  if (!c) notFound();
  return c;
}

async function assignStep(db: Db, { request, id, form, actor, lang }: Ctx) {
  const submission = parseWithZod(form, { schema: AssignConditionSchema });
  const conditionId = Number(form.get("conditionId")) || 0;
  if (submission.status !== "success") return data({ intent: "assign", conditionId, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const c = await loadCondition(db, id, v.conditionId);
  const result = assignCondition(actor, facts(c), { ownerId: v.ownerId, ownerIsActiveUser: await isActiveUser(db, v.ownerId), dueDate: v.dueDate });
  if (!result.ok) return refused("assign", c.id, result.refusals, lang, submission.reply);
  const conflict = await withConflictCheck(
    () => db.transaction().execute((trx) => saveConditionAssignment(trx, c, v.version, result.value, actor.id, nowIso())),
    { intent: "assign", conditionId: c.id },
  );
  return conflict ?? redirectWithFlash(request, `/initiativer/${id}/betingelser#betingelse-${c.id}`, "flash.condition.assigned");
}

async function stateStep(db: Db, { request, id, form, actor, lang }: Ctx) {
  const submission = parseWithZod(form, { schema: ConditionStateSchema });
  const conditionId = Number(form.get("conditionId")) || 0;
  if (submission.status !== "success") return data({ intent: "state", conditionId, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const c = await loadCondition(db, id, v.conditionId);
  const result = setConditionState(actor, facts(c), { state: v.state, note: v.note });
  if (!result.ok) return refused("state", c.id, result.refusals, lang, submission.reply);
  const conflict = await withConflictCheck(
    () => db.transaction().execute((trx) => saveConditionState(trx, c, v.version, result.value, actor.id, nowIso())),
    { intent: "state", conditionId: c.id },
  );
  return conflict ?? redirectWithFlash(request, `/initiativer/${id}/betingelser#betingelse-${c.id}`, "flash.condition.state");
}

/** The page's one action: the form's intent picks the step; an unknown intent is 400. */
export function conditionsAction(db: Db, ctx: Ctx) {
  const intent = ctx.form.get("intent");
  if (intent === "assign") return assignStep(db, ctx);
  if (intent === "state") return stateStep(db, ctx);
  return badRequest("Unknown intent: use assign or state");
}
