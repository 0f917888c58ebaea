// Starting a SUSI assessment (program managers): pick the phase to be assessed towards; the draft is created
// with the starter as its lead assessor, or the open draft for that span is reopened.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { loadStartPage, start } from "./start.server";
import { StartAssessmentPage } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("assessment.start.title")} · SUSI Tracker` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "assessment.edit");
  return loadStartPage(db(), intParam(params.id));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "assessment.edit");
  const id = intParam(params.id);
  return start(db(), request, await readForm(request), id, user.id);
}

export default function StartAssessmentRoute() {
  return <StartAssessmentPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
