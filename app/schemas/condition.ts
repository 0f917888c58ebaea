// The conditions page's two forms: who answers for a condition and by when; met, waived or open again.
// The rules (who may, which owner, which dates) are workflows/condition.ts's.
import { z } from "zod";

const id = z.coerce.number({ error: "error.required" }).int().min(1).max(2_147_483_647);

export const AssignConditionSchema = z.object({
  intent: z.literal("assign"),
  conditionId: id,
  version: id,
  ownerId: z.string({ error: "condition.error.owner" }).trim().regex(/^\d{1,9}$/, "condition.error.owner").transform(Number),
  dueDate: z.string({ error: "condition.error.due" }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, "condition.error.due"),
});

export const ConditionStateSchema = z.object({
  intent: z.literal("state"),
  conditionId: id,
  version: id,
  state: z.string({ error: "condition.error.state" }),
  note: z.string().max(2000, "error.tooLong").optional().default(""),
});
