// The steering group's meeting forms: planning a meeting, adding an initiative to its agenda, recording the
// members present, and a member's dissent on a decision. The rules (a member of the group, quorum, once per
// member) are the meeting workflow's and come back as refusals.
import { z } from "zod";
import { isMeetingDate, TITLE_MAX } from "#workflows/meeting";

const id = (error: string) => z.number({ error }).int(error).positive(error);

export const planMeetingSchema = z.object({
  date: z.string({ error: "error.required" }).trim().refine(isMeetingDate, "error.invalidDate"),
  title: z.string().trim().max(TITLE_MAX, "error.tooLong").optional(),
  location: z.string().trim().max(TITLE_MAX, "error.tooLong").optional(),
  chairId: id("error.invalidChoice").optional(),
  /** Planned from an initiative's decision page: the initiative goes on the new meeting's agenda. */
  initiativeId: id("error.invalidChoice").optional(),
});

export const meetingActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("agenda"), initiativeId: id("error.invalidChoice"), version: z.number({ error: "error.required" }).int() }),
  z.object({
    intent: z.literal("attendance"),
    present: z.array(id("error.invalidChoice"), { error: "meeting.error.presentRequired" }).min(1, "meeting.error.presentRequired"),
    version: z.number({ error: "error.required" }).int(),
  }),
], { error: "error.invalidChoice" });

export const dissentSchema = z.object({
  reason: z.string({ error: "error.required" }).trim().min(1, "error.required").max(2000, "error.tooLong"),
});
