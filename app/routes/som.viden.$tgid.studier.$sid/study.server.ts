// The effect study's edit page: the study (404 unless it belongs to the target group in the URL), and its two
// intents, save the edited values or delete it, each version-guarded and back to the group's studies.
import type { Db } from "#db/client";
import { deleteEffectStudy, getEffectStudy, getTargetGroup, updateEffectStudy } from "#db/queries/som-knowledge";
import { DeleteSchema, EditEffectStudySchema } from "~/schemas/som-knowledge";
import { intParam, notFound } from "~/utils/http.server";
import { changeKnowledgeEntry } from "~/utils/som-knowledge.server";

export async function loadStudy(db: Db, params: { tgid?: string; sid?: string }) {
  const group = await getTargetGroup(db, intParam(params.tgid));
  const study = await getEffectStudy(db, intParam(params.sid));
  if (!group || !study || study.target_group_id !== group.id) notFound("Effect study not found");
  return { group: { id: group.id, name: group.name }, study };
}

type Step = { group: { id: number }; study: { id: number }; form: FormData; actorId: number };
const back = (group: { id: number }) => `/som/viden/${group.id}#studies-heading`;

export function saveStudy(db: Db, { group, study, form, actorId }: Step) {
  return changeKnowledgeEntry(db, form, EditEffectStudySchema, back(group), (trx, { version, ...values }, now) =>
    updateEffectStudy(trx, study.id, version, values, actorId, now));
}

export function deleteStudy(db: Db, { group, study, form, actorId }: Step) {
  return changeKnowledgeEntry(db, form, DeleteSchema, back(group), (trx, { version }, now) =>
    deleteEffectStudy(trx, study.id, version, actorId, now));
}
