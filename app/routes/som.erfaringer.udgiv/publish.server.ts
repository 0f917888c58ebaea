// Publishing a calculation version to the experience database: what the page shows, and the one save
// (parse, ask workflows/som-experience.ts whether the version may be published (409 while it has a live
// publication), insert the publication in one transaction).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { Db } from "#db/client";
import { isUniqueViolation } from "#db/dialect";
import { getInitiative } from "#db/queries/initiatives";
import { getCalculationVersion } from "#db/queries/som";
import { findLivePublication, publishCalculationVersion } from "#db/queries/som-experience";
import { EXPERIENCE_REFUSAL_STATUS, mayPublish, type ExperienceRefusal } from "#workflows/som-experience";
import type { Lang } from "~/i18n";
import { refusalText } from "~/i18n/refusals";
import { calculate } from "~/som/engine";
import { PublishSchema } from "~/schemas/som-knowledge";
import { intParam, notFound, nowIso } from "~/utils/http.server";

async function loadVersion(db: Db, versionId: string | null | undefined) {
  const version = await getCalculationVersion(db, intParam(versionId ?? undefined));
  if (!version) notFound("Calculation version not found");
  return version;
}

export async function loadPublishPage(db: Db, versionId: string | null) {
  const version = await loadVersion(db, versionId);
  const [initiative, live] = await Promise.all([getInitiative(db, version.calculation.initiative_id), findLivePublication(db, version.id)]);
  return {
    version: { id: version.id, number: version.number, created_at: version.created_at },
    calculation: version.calculation,
    initiativeTitle: initiative?.title ?? "",
    net: calculate(version.input).summary.net,
    live: live ?? null,
  };
}

export async function publishStep(db: Db, { form, actorId, lang }: { form: FormData; actorId: number; lang: Lang }) {
  const submission = parseWithZod(form, { schema: PublishSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const version = await loadVersion(db, String(submission.value.versionId));
  const refused = (refusal: ExperienceRefusal) =>
    data(submission.reply({ formErrors: [refusalText({ kind: "somExperience", refusal }, lang)] }), { status: EXPERIENCE_REFUSAL_STATUS[refusal.code] });
  const check = mayPublish(!!(await findLivePublication(db, version.id)));
  if (!check.ok) return refused(check.refusal);
  let id: number;
  try {
    id = await db.transaction().execute((trx) => publishCalculationVersion(trx, version, submission.value, actorId, nowIso()));
  } catch (error) {
    // Published by someone else between the check and the insert (the partial unique index).
    if (isUniqueViolation(error)) return refused({ code: "already_published" });
    throw error;
  }
  return redirect(`/som/erfaringer/${id}`);
}
