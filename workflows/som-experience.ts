// The rules of the SØM experience database (erfaringsdatabase): a program manager publishes a calculation
// version under their own responsibility; everyone signed in may read a live publication, and whoever may
// edit calculations may copy it into a phase of an initiative as a new calculation. Only the publisher
// withdraws it; a withdrawn publication is gone for everyone but its publisher and can no longer be copied.
// Pure: the page's steps (app/routes/som.erfaringer.*/*.server.ts) load the publication, ask here, and write
// what these allow. Refusals name the rule; their words are somx.refusal.* (app/i18n/refusals.ts).

export type ExperienceRefusal =
  /** Someone other than the publisher asked to withdraw it. */
  | { code: "not_publisher" }
  /** The publication was withdrawn: it cannot be copied. */
  | { code: "withdrawn" }
  /** The version already has a live publication (one per version). */
  | { code: "already_published" };

/** The HTTP status each refusal is answered with: not yours is 403; the state of the publication is 409. */
export const EXPERIENCE_REFUSAL_STATUS = { not_publisher: 403, withdrawn: 409, already_published: 409 } as const satisfies Record<ExperienceRefusal["code"], number>;

export interface Publication {
  publishedBy: number;
  /** ISO timestamp of the withdrawal, or null while it is live. */
  unpublishedAt: string | null;
}

export type Check = { ok: true } | { ok: false; refusal: ExperienceRefusal };

const ok: Check = { ok: true };
const refuse = (code: ExperienceRefusal["code"]): Check => ({ ok: false, refusal: { code } });

/** Whether this user may see the publication at all (a withdrawn one: its publisher only; others get 404). */
export function mayRead(p: Publication, userId: number): boolean {
  return p.unpublishedAt === null || p.publishedBy === userId;
}

/** Whether the page offers the copy form: the reader may edit calculations and the publication is live. */
export function offersCopy(p: Publication, mayEditCalculations: boolean): boolean {
  return mayEditCalculations && p.unpublishedAt === null;
}

/** A publication may be copied into an initiative's phase while it is live. */
export function mayCopy(p: Publication): Check {
  return p.unpublishedAt === null ? ok : refuse("withdrawn");
}

/**
 * Only the publisher withdraws a publication. Withdrawing one already withdrawn is a stale form: the
 * version guard of the save answers it with the 409 idiom, so it is not refused here.
 */
export function mayWithdraw(p: Publication, actorId: number): Check {
  return p.publishedBy === actorId ? ok : refuse("not_publisher");
}

/** A version is published at most once at a time: refused while it has a live publication. */
export function mayPublish(livePublication: boolean): Check {
  return livePublication ? refuse("already_published") : ok;
}

/**
 * What a copy becomes: a new calculation in the chosen initiative, phase and scenario (the target), whose
 * first version carries the publication's input, checklist and spreads; the publication itself is untouched.
 */
export function copyOf<P extends { input: unknown; checklist: unknown; spreads: unknown }, T extends { initiativeId: number }>(
  publication: P, target: T,
): T & Pick<P, "input" | "checklist" | "spreads"> {
  return { ...target, input: publication.input, checklist: publication.checklist, spreads: publication.spreads };
}
