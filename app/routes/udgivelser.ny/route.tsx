// Start a release from an initiative's phase (/udgivelser/ny?initiative=ID&phase=…), prefilled with what the
// public facts of the initiative and the phase's decision (the internal assessment is shown beside the editor,
// never in the text), with the preview of the public page beside it. Knowledge staff only. Answers 400 (a bad query
// or form, naming the field), 404 (no such initiative), 409 (the workflow refuses, naming the rule).
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { nowIso, readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { loadNewRelease, newReleaseAction } from "./new.server";
import { NewReleasePage } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("releases.new.title")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "release.edit");
  return loadNewRelease(db(), request, getT(request));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "release.edit");
  return newReleaseAction(db(), { form: await readForm(request), user, now: nowIso(), t: getT(request) });
}

// The live preview posts on every pause in typing; it writes nothing, so the page's data need not be read again.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "preview" ? false : defaultShouldRevalidate;

export default NewReleasePage;

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
