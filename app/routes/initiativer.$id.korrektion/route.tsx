// An administrator's correction of phase, status or track (workflows/correction.ts): the one way around
// the steering-group gate, with a written reason, recorded and shown as a correction. Administrators only (403).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { getLang } from "~/utils/i18n.server";
import { loadCorrectionPage, saveCorrectionStep } from "./correction.server";
import { CorrectionPage } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("correction.title")} · SUSI Tracker` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "initiative.correct");
  return loadCorrectionPage(db(), intParam(params.id));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "initiative.correct");
  const id = intParam(params.id);
  return saveCorrectionStep(db(), { request, id, form: await readForm(request), actor: user, lang: getLang(request) });
}

export default function CorrectionRoute() {
  return <CorrectionPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
