// Edit a release draft (and, for a later edition, whether it is major or minor, and what changed). Knowledge
// staff only; the workflow allows it for drafts alone, and makes a second editor a contributor who may not review
// it. Beside the Markdown: the preview of the public page (live with JavaScript, "Vis forhåndsvisning" without;
// both write nothing) and the internal texts as reference. Answers 400 (form, naming the field), 404, 409 (a
// workflow refusal naming the rule, or a stale version), else back to the release.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, nowIso, readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { editReleaseAction, loadEditor } from "./edit.server";
import { EditReleasePage } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("releases.edit.title")} · SUSI Tracker` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "release.edit");
  return loadEditor(db(), intParam(params.id), getT(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "release.edit");
  const [id, form] = [intParam(params.id), await readForm(request)];
  return editReleaseAction(db(), { id, form, user, now: nowIso(), t: getT(request) });
}

// The live preview posts on every pause in typing; it writes nothing, so the page's data need not be read again.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "preview" ? false : defaultShouldRevalidate;

export default EditReleasePage;

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
