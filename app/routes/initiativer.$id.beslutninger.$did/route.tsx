// One recorded decision and the dossier frozen with it (printable), with a member's dissent form.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { getLang } from "~/utils/i18n.server";
import { dissentStep, loadDecisionRecord } from "./decision.server";
import { DecisionRecordPage } from "./ui";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return [{ title: `${data ? t("decision.metaTitle", { title: data.initiative.title }) : t("decision.form.title")} · SUSI Tracker` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadDecisionRecord(db(), intParam(params.id), intParam(params.did), user.id);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "decision.create");
  const [initiativeId, decisionId] = [intParam(params.id), intParam(params.did)];
  return dissentStep(db(), { request, initiativeId, decisionId, form: await readForm(request), actorId: user.id, lang: getLang(request) });
}

export default function DecisionRecordRoute() {
  return <DecisionRecordPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
