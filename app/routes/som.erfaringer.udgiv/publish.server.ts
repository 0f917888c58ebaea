// Publishing a calculation version to the experience database: what the page shows, and the one save
// (parse, refuse a version already published with 409, insert the publication in one transaction).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { Db } from "#db/client";
import { isUniqueViolation } from "#db/dialect";
import { getInitiative } from "#db/queries/initiatives";
import { getCalculationVersion } from "#db/queries/som";
import { findLivePublication, publishCalculationVersion } from "#db/queries/som-experience";
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

export async function publishStep(db: Db, { form, actorId }: { form: FormData; actorId: number }) {
  const submission = parseWithZod(form, { schema: PublishSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const version = await loadVersion(db, String(submission.value.versionId));
  const alreadyPublished = () => data(submission.reply({ formErrors: ["somx.error.alreadyPublished"] }), { status: 409 });
  if (await findLivePublication(db, version.id)) return alreadyPublished();
  let id: number;
  try {
    id = await db.transaction().execute((trx) => publishCalculationVersion(trx, version, submission.value, actorId, nowIso()));
  } catch (error) {
    // Published by someone else between the check and the insert (the partial unique index).
    if (isUniqueViolation(error)) return alreadyPublished();
    throw error;
  }
  return redirect(`/som/erfaringer/${id}`);
}
