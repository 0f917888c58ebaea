// Edit a release draft (and, for a later edition, whether it is major or minor). Knowledge staff only;
// the workflow allows it for drafts alone, and makes a second editor a contributor who may not review it.
// Answers 400 (form), 404, 409 (a workflow refusal naming the rule, or a stale version), else back to the release.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EditReleaseSchema } from "~/schemas/release";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, isConflictReply, nowIso, readForm, withConflictCheck } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { editDraftStep, loadDraft, refusedEdit } from "./edit.server";
import { EditReleasePage } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("releases.edit.title")} · SUSI Tracker` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "release.edit");
  return { release: await loadDraft(db(), intParam(params.id)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "release.edit");
  const id = intParam(params.id);
  await loadDraft(db(), id);
  const submission = parseWithZod(await readForm(request), { schema: EditReleaseSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), refusals: [] as string[], conflict: false }, { status: 400 });
  const refusals = await withConflictCheck(() => editDraftStep(db(), user, id, submission.value, nowIso()), { result: submission.reply(), refusals: [] as string[] });
  if (isConflictReply(refusals)) return refusals;
  if (refusals.length === 0) return redirect(`/udgivelser/${id}`);
  return refusedEdit(submission, refusals, getT(request));
}

export default EditReleasePage;

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
