// Edit or delete one consequence estimate of a target group (program managers and admins); version-guarded.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { deleteEstimate, loadEstimate, saveEstimate } from "./estimate.server";
import { EditEstimatePage } from "./ui";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches);
  return [{ title: `${t("somk.estimate.edit")} · ${t("somk.title")} · SUSI Tracker` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "som.knowledge.edit");
  return loadEstimate(db(), params);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "som.knowledge.edit");
  const entry = await loadEstimate(db(), params);
  const form = await readForm(request);
  const step = form.get("intent") === "delete" ? deleteEstimate : saveEstimate;
  return step(db(), { ...entry, form, actorId: user.id });
}

export default function EditEstimate() {
  return <EditEstimatePage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
