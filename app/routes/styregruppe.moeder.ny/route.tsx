// Planning a steering-group meeting: its date, an optional title and place, and the chair who records outcomes.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { getLang } from "~/utils/i18n.server";
import { loadPlanPage, planMeetingStep } from "./plan.server";
import { PlanMeetingPage } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("meeting.plan.title")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "meeting.manage");
  return loadPlanPage(db(), user.id, new URL(request.url).searchParams.get("initiativ"));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "meeting.manage");
  return planMeetingStep(db(), { request, form: await readForm(request), actorId: user.id, lang: getLang(request) });
}

export default function PlanMeetingRoute() {
  return <PlanMeetingPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
