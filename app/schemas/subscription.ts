// The subscription form's zod schema, shared by client (conform) and server. Messages are i18n keys.
// A subscription follows one or both areas and/or free-text topics (matched like a release's topics).
import { z } from "zod";
import { isMunicipalityCode } from "#db/seed-data/municipalities";
import { RELEASE_LIMITS } from "#workflows/release";

export const FOLLOWABLE_AREAS = ["adults", "children"] as const;
export const FREQUENCIES = ["immediate", "weekly"] as const;

/** "hjemløshed, recovery; misbrug" → ["hjemløshed", "recovery", "misbrug"]. */
export function splitTopics(s: string): string[] {
  return s.split(/[,;\n]/).map((t) => t.trim().replace(/\s+/g, " ")).filter(Boolean);
}

export const SubscribeSchema = z
  .object({
    email: z
      .string({ error: "error.required" })
      .trim()
      .toLowerCase()
      .max(254, "error.tooLong")
      .pipe(z.email({ error: "error.invalidEmail" })),
    municipality: z
      .string({ error: "subscriptions.error.municipality" })
      .trim()
      .refine(isMunicipalityCode, "subscriptions.error.municipality"),
    areas: z.array(z.enum(FOLLOWABLE_AREAS, { error: "error.invalidChoice" })).default([]),
    topics: z
      .string()
      .max(2000, "error.tooLong")
      .optional()
      .default("")
      .transform(splitTopics)
      .refine((ts) => ts.every((t) => t.length <= RELEASE_LIMITS.topic), "subscriptions.error.topicTooLong")
      .refine((ts) => ts.length <= RELEASE_LIMITS.topics, "subscriptions.error.tooManyTopics"),
    frequency: z.enum(FREQUENCIES, { error: "subscriptions.error.frequency" }),
  })
  // `when`: checked even when other fields are wrong, so the reader sees every problem at once.
  .refine((v) => followsSomething(v), { path: ["areas"], message: "subscriptions.error.nothingChosen", when: () => true });

function followsSomething(v: { areas?: unknown; topics?: unknown }): boolean {
  const some = (x: unknown) => (Array.isArray(x) ? x.length > 0 : typeof x === "string" && splitTopics(x).length > 0);
  return some(v.areas) || some(v.topics);
}

export type SubscribeInput = z.infer<typeof SubscribeSchema>;
