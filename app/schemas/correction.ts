// The administrator's correction form: the governed fields as they should be, the reason and the version
// the form was loaded at. The rules (reason required, something must change) are workflows/correction.ts's.
import { z } from "zod";
import { STATUSES } from "#workflows/decision";
import { PHASE_PERIODS } from "#workflows/phase-model";

export const CorrectionSchema = z.object({
  phase: z.enum(PHASE_PERIODS, { error: "error.invalidChoice" }),
  status: z.enum(STATUSES, { error: "error.invalidChoice" }),
  track: z.enum(["1", "2", "none"], { error: "error.invalidChoice" }),
  reason: z.string().max(4000, "error.tooLong").optional().default(""),
  version: z.coerce.number({ error: "error.required" }).int().min(1),
});
