// One SØM calculation: for program managers the editor (live results, uncertainty, save as a new
// version); for everyone else its latest version read-only. Both list the versions, who and when.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import somCss from "~/components/som/som.css?url";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { getT } from "~/utils/i18n.server";
import { can } from "~/utils/permissions";
import { loadCalculationPage, saveVersionStep } from "./calculation.server";
import { CalculationPage } from "./ui";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: somCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.calculation.title} (SØM) · SUSI Tracker` : "SUSI Tracker" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadCalculationPage(db(), params, can(user, "som.edit"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "som.edit");
  return saveVersionStep(db(), { params, form: () => readForm(request), actorId: user.id, t: getT(request) });
}

export default function CalculationRoute() {
  return <CalculationPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
