// Prefill: what the initiative, the phase's decision and its SUSI assessment say, for a new draft; and the
// draft a steering-group decision asks for.
import type { Executor } from "../client";
import { ConflictError } from "../errors";
import type { Area } from "../schema";
import type { Judgement } from "../../workflows/assessment";
import type { InitiativeStatus, Outcome } from "../../workflows/decision";
import type { Phase, PhasePeriod } from "../../workflows/phase-model";
import { type ReleaseContent } from "../../workflows/release";
import { insertDraft } from "./releases";

export interface ReleaseFacts {
  initiative: { id: number; title: string; area: Area; status: InitiativeStatus; agreement_label: string };
  phase: PhasePeriod;
  decision: { id: number; outcome: Outcome; to_phase: Phase | null; rationale: string; decided_at: string } | null;
  assessment: {
    id: number;
    to_phase: Phase;
    overall_assessment: string;
    recommendation: string;
    judgements: { criterion_id: string; judgement: Judgement; justification: string }[];
  } | null;
}

/**
 * The facts for a draft about `phase` of an initiative: the given decision (or the latest one that ended
 * that phase), and the assessment it rested on (or the latest submitted one from that phase).
 */
export async function loadReleaseFacts(db: Executor, initiativeId: number, phase: PhasePeriod, decisionId: number | null = null): Promise<ReleaseFacts | undefined> {
  const initiative = await db
    .selectFrom("initiatives").select(["id", "title", "area", "status", "agreement_label"]).where("id", "=", initiativeId).executeTakeFirst();
  if (!initiative) return undefined;
  let dq = db
    .selectFrom("decisions")
    .select(["id", "outcome", "to_phase", "rationale", "decided_at", "assessment_id"])
    .where("initiative_id", "=", initiativeId);
  dq = decisionId !== null ? dq.where("id", "=", decisionId) : dq.where("from_phase", "=", phase);
  const decision = await dq.orderBy("decided_at", "desc").orderBy("id", "desc").executeTakeFirst();

  let aq = db
    .selectFrom("assessments")
    .select(["id", "to_phase", "overall_assessment", "recommendation"])
    .where("initiative_id", "=", initiativeId)
    .where("status", "=", "submitted");
  aq = decision?.assessment_id ? aq.where("id", "=", decision.assessment_id) : aq.where("from_phase", "=", phase);
  const assessment = await aq.orderBy("submitted_at", "desc").orderBy("id", "desc").executeTakeFirst();
  const judgements = assessment
    ? await db
      .selectFrom("assessment_judgements")
      .select(["criterion_id", "judgement", "justification"])
      .where("assessment_id", "=", assessment.id)
      .orderBy("criterion_id")
      .execute()
    : [];
  return {
    initiative,
    phase,
    decision: decision ? { id: decision.id, outcome: decision.outcome, to_phase: decision.to_phase, rationale: decision.rationale, decided_at: decision.decided_at } : null,
    assessment: assessment ? { ...assessment, judgements } : null,
  };
}

/**
 * Called by the steering group's decision action, in the decision's transaction, when the group decides
 * the knowledge should be released now: a draft with no author yet (knowledge staff take it on), linked
 * to the initiative, the phase that ended and the decision, prefilled by `compose` (which knows the words).
 */
export async function createDraftFromDecision(
  trx: Executor,
  args: { initiativeId: number; decisionId: number; requestedById: number; now: string },
  compose: (facts: ReleaseFacts) => ReleaseContent,
): Promise<number> {
  const decision = await trx
    .selectFrom("decisions").select(["from_phase"]).where("id", "=", args.decisionId).where("initiative_id", "=", args.initiativeId)
    .executeTakeFirst();
  if (!decision) throw new ConflictError("decision", args.decisionId);
  const facts = await loadReleaseFacts(trx, args.initiativeId, decision.from_phase, args.decisionId);
  if (!facts) throw new ConflictError("initiative", args.initiativeId);
  return insertDraft(trx, {
    initiativeId: args.initiativeId,
    phase: decision.from_phase,
    decisionId: args.decisionId,
    content: compose(facts),
    authorId: null,
    requestedById: args.requestedById,
  }, args.requestedById, args.now);
}
