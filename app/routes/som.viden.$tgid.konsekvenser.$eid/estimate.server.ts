// The consequence estimate's edit page: the estimate (404 unless it belongs to the target group in the URL),
// and its two intents, save the edited values or delete it, each version-guarded and back to the group's estimates.
import type { Db } from "#db/client";
import { deleteConsequenceEstimate, getConsequenceEstimate, getTargetGroup, updateConsequenceEstimate } from "#db/queries/som-knowledge";
import { DeleteSchema, EditConsequenceEstimateSchema, estimateValues } from "~/schemas/som-knowledge";
import { intParam, notFound } from "~/utils/http.server";
import { changeKnowledgeEntry } from "~/utils/som-knowledge.server";

export async function loadEstimate(db: Db, params: { tgid?: string; eid?: string }) {
  const group = await getTargetGroup(db, intParam(params.tgid));
  const estimate = await getConsequenceEstimate(db, intParam(params.eid));
  if (!group || !estimate || estimate.target_group_id !== group.id) notFound("Consequence estimate not found");
  return { group: { id: group.id, name: group.name }, estimate };
}

type Step = { group: { id: number }; estimate: { id: number }; form: FormData; actorId: number };
const back = (group: { id: number }) => `/som/viden/${group.id}#estimates-heading`;

export function saveEstimate(db: Db, { group, estimate, form, actorId }: Step) {
  return changeKnowledgeEntry(db, form, EditConsequenceEstimateSchema, back(group), (trx, value, now) =>
    updateConsequenceEstimate(trx, estimate.id, value.version, estimateValues(value), actorId, now));
}

export function deleteEstimate(db: Db, { group, estimate, form, actorId }: Step) {
  return changeKnowledgeEntry(db, form, DeleteSchema, back(group), (trx, { version }, now) =>
    deleteConsequenceEstimate(trx, estimate.id, version, actorId, now));
}
