// An initiative's conditions: owner, due date and state of each; overdue ones marked. Program managers
// and the steering group change them (workflows/condition.ts), everyone logged in reads them.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, nowIso, readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { getLang } from "~/utils/i18n.server";
import { conditionsAction, loadConditionsPage } from "./conditions.server";
import { ConditionsPage } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("conditions.title")} · SUSI Tracker` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  return loadConditionsPage(db(), intParam(params.id), nowIso());
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "condition.manage");
  const id = intParam(params.id);
  return conditionsAction(db(), { request, id, form: await readForm(request), actor: user, lang: getLang(request) });
}

export default function ConditionsRoute() {
  return <ConditionsPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
