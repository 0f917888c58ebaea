// The subscription form's zod schema, shared by client (conform) and server. Messages are i18n keys.
// A subscription follows one or both areas, free-text topics (matched like a release's topics) and/or single
// initiatives. Who subscribes is one of four kinds; only a municipality names its municipality, and a
// municipality chosen under another kind (the field stays visible without JavaScript) is dropped.
import { z } from "zod";
import { isMunicipalityCode } from "#db/seed-data/municipalities";
import { RELEASE_LIMITS } from "#workflows/release";
import { MAX_FOLLOWED_INITIATIVES, namesMunicipality, SUBSCRIBER_KINDS } from "#workflows/subscription";

export { SUBSCRIBER_KINDS };

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
    kind: z.enum(SUBSCRIBER_KINDS, { error: "subscriptions.error.kind" }),
    municipality: z.string().trim().max(10, "subscriptions.error.municipality").optional(),
    initiatives: z
      .array(z.string().regex(/^[1-9][0-9]{0,9}$/, "subscriptions.error.initiative").transform(Number), { error: "subscriptions.error.initiative" })
      .max(MAX_FOLLOWED_INITIATIVES, "subscriptions.error.initiative")
      .default([]),
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
  .refine((v) => followsSomething(v), { path: ["areas"], message: "subscriptions.error.nothingChosen", when: () => true })
  .refine((v) => !isMunicipalityKind(v.kind) || isMunicipalityCode(v.municipality ?? ""), {
    path: ["municipality"], message: "subscriptions.error.municipality", when: () => true,
  })
  .transform(({ municipality, ...v }) => ({ ...v, municipality: namesMunicipality(v.kind) ? municipality! : null }));

function isMunicipalityKind(kind: unknown): boolean {
  return (SUBSCRIBER_KINDS as readonly unknown[]).includes(kind) && namesMunicipality(kind as (typeof SUBSCRIBER_KINDS)[number]);
}

function followsSomething(v: { areas?: unknown; topics?: unknown; initiatives?: unknown }): boolean {
  const some = (x: unknown) => (Array.isArray(x) ? x.length > 0 : typeof x === "string" && splitTopics(x).length > 0);
  return some(v.areas) || some(v.topics) || some(v.initiatives);
}

export type SubscribeInput = z.infer<typeof SubscribeSchema>;
