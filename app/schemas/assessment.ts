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
