// The steering group's decision at a gate, taken at a meeting: the decision workflow (workflows/decision.ts)
// and the meeting rules (workflows/meeting.ts) decide; refusals come back as 409 naming every rule broken,
// nothing written; a decision that may be taken is first confirmed, then recorded with its frozen dossier.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { getLang } from "~/utils/i18n.server";
import { decideStep, loadDecisionPage } from "./decide.server";
import { DecisionPage } from "./ui";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return [{ title: `${data ? t("decision.metaTitle", { title: data.initiative.title }) : t("decision.form.title")} · SUSI Tracker` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "decision.create");
  return loadDecisionPage(db(), intParam(params.id), new URL(request.url).searchParams.get("moede"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "decision.create");
  const id = intParam(params.id);
  return decideStep(db(), { request, id, form: await readForm(request), actorId: user.id, lang: getLang(request) });
}

export default function DecisionRoute() {
  return <DecisionPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
