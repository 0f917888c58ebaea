// zod schemas for the SUSI assessment forms, shared by client (conform) and server.
// Messages are i18n keys. A draft may be saved incomplete; completeness is the workflow's check on submit.
import { z } from "zod";
import { EVIDENCE_LEVELS, JUDGEMENTS } from "#workflows/assessment";
import { PHASES } from "#workflows/phase-model";

const optionalText = (max: number) => z.string().trim().max(max, "error.tooLong").optional().default("");
const version = z.coerce.number({ error: "error.required" }).int("error.required").min(1, "error.required");

/** Starting an assessment: the phase the initiative is assessed towards (checked against the model in the route). */
export const StartAssessmentSchema = z.object({
  toPhase: z.enum(PHASES, { error: "assessment.error.chooseTarget" }),
});

/** One criterion's judgement (intent=judge). */
export const JudgementSchema = z.object({
  version,
  criterionId: z.string({ error: "error.required" }).trim().min(1, "error.required").max(100, "error.tooLong"),
  judgement: z.enum(JUDGEMENTS, { error: "assessment.error.chooseJudgement" }),
  evidence: optionalText(5000),
  evidenceLevel: z.enum(EVIDENCE_LEVELS, { error: "error.invalidChoice" }).optional(),
  justification: optionalText(5000),
});

/** The overall assessment (samlet vurdering) and the recommendation (indstilling) (intent=texts). */
export const AssessmentTextsSchema = z.object({
  version,
  overallAssessment: optionalText(10000),
  recommendation: optionalText(5000),
});

/** Submitting (intent=submit): only the version the assessor saw. */
export const SubmitAssessmentSchema = z.object({ version });

/**
 * One criterion on the one-form assessment: the judgement may be left empty in a draft (the criterion is
 * then not judged), but not when evidence has been written for it: that text would otherwise be lost.
 */
const criterionEntry = z
  .object({
    criterionId: z.string({ error: "error.required" }).trim().min(1, "error.required").max(100, "error.tooLong"),
    judgement: z.enum(JUDGEMENTS, { error: "assessment.error.chooseJudgement" }).optional(),
    evidence: optionalText(5000),
    evidenceLevel: z.enum(EVIDENCE_LEVELS, { error: "error.invalidChoice" }).optional(),
    justification: optionalText(5000),
  })
  .superRefine((v, ctx) => {
    if (!v.judgement && (v.evidence || v.evidenceLevel || v.justification)) {
      ctx.addIssue({ code: "custom", path: ["judgement"], message: "assessment.error.chooseJudgement" });
    }
  });

const criterionList = z.array(criterionEntry, { error: "error.required" }).max(30, "error.tooLong").optional().default([]);

/** An assessor's own judgements, every criterion in one form (intent=own), guarded by that assessor's version. */
export const OwnJudgementsSchema = z.object({
  intent: z.literal("own"),
  assessor: z.coerce.number({ error: "error.required" }).int("error.required").positive("error.required"),
  assessorVersion: version,
  criteria: criterionList,
});

/** The lead's consolidation: the chosen judgement per criterion and the texts (intent=consolidate). */
export const ConsolidationSchema = z.object({
  intent: z.literal("consolidate"),
  version,
  criteria: criterionList,
  overallAssessment: optionalText(10000),
  recommendation: optionalText(5000),
});

/** The lead names another assessor (intent=assessor). */
export const AddAssessorSchema = z.object({
  intent: z.literal("assessor"),
  version,
  userId: z.coerce.number({ error: "assessment.error.chooseAssessor" }).int("assessment.error.chooseAssessor").positive("assessment.error.chooseAssessor"),
  role: z.enum(["co_assessor", "external"], { error: "assessment.error.chooseAssessorRole" }),
});

export const SubmitSchema = z.object({ intent: z.literal("submit"), version });
