// Editing an initiative's descriptive fields (program managers). Phase and status are not on the form and a
// POST that carries them (or a track once screening is left) is refused with 400 naming the field, nothing
// written: they change only through a steering-group decision or an administrator's correction.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { loadEditPage, saveEdit } from "./edit.server";
import { EditInitiativePage } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("form.editTitle")} · SUSI Tracker` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "initiative.edit");
  return loadEditPage(db(), intParam(params.id));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "initiative.edit");
  const id = intParam(params.id);
  return saveEdit(db(), { request, id, form: await readForm(request), actorId: user.id, t: getT(request) });
}

export default function EditInitiativeRoute() {
  return <EditInitiativePage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
