// The SUSI assessment page: its assessors, each assessor's own judgements in one form (intent=own), the
// lead's consolidation and texts (intent=consolidate), naming assessors (intent=assessor) and submitting
// with a confirmation (intent=submit). An external assessor reaches only the assessments that name them.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireAssessmentUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { badRequest, intParam, readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { addAssessorStep, loadAssessment, loadAssessmentPage, saveConsolidationStep, saveOwn, submitStep } from "./page.server";
import { AssessmentPage } from "./ui";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return [{ title: `${data ? t("assessment.pageTitle", { title: data.initiative.title }) : t("assessment.title")} · SUSI Tracker` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [initiativeId, assessmentId] = [intParam(params.id), intParam(params.aid)];
  const user = await requireAssessmentUser(request, assessmentId);
  return loadAssessmentPage(db(), await loadAssessment(db(), initiativeId, assessmentId), user);
}

const STEPS = { own: saveOwn, consolidate: saveConsolidationStep, assessor: addAssessorStep, submit: submitStep } as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const [initiativeId, assessmentId] = [intParam(params.id), intParam(params.aid)];
  const user = await requireAssessmentUser(request, assessmentId);
  const loaded = await loadAssessment(db(), initiativeId, assessmentId);
  const form = await readForm(request);
  const step = STEPS[String(form.get("intent")) as keyof typeof STEPS];
  if (!Object.hasOwn(STEPS, String(form.get("intent")))) badRequest("Unknown intent");
  return step(db(), request, form, loaded, user);
}

export default function AssessmentRoute() {
  return <AssessmentPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
