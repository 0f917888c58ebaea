// Edit or delete one effect study of a target group (program managers and admins); version-guarded.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { deleteStudy, loadStudy, saveStudy } from "./study.server";
import { EditStudyPage } from "./ui";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches);
  return [{ title: `${t("somk.study.edit")} · ${t("somk.title")} · SUSI Tracker` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "som.knowledge.edit");
  return loadStudy(db(), params);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "som.knowledge.edit");
  const entry = await loadStudy(db(), params);
  const form = await readForm(request);
  const step = form.get("intent") === "delete" ? deleteStudy : saveStudy;
  return step(db(), { ...entry, form, actorId: user.id });
}

export default function EditStudy() {
  return <EditStudyPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
