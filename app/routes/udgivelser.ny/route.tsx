// Start a release from an initiative's phase (/udgivelser/ny?initiative=ID&phase=…), prefilled with what the
// initiative, the phase's decision and its SUSI assessment say. Knowledge staff only. Answers 400 (a bad query
// or form, naming the field), 404 (no such initiative), 409 (the workflow refuses, naming the rule).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NewReleaseSchema } from "~/schemas/release";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { nowIso, readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { loadNewRelease, startReleaseStep } from "./new.server";
import { NewReleasePage } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("releases.new.title")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "release.edit");
  return loadNewRelease(db(), request);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "release.edit");
  const submission = parseWithZod(await readForm(request), { schema: NewReleaseSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), refusals: [] as string[] }, { status: 400 });
  const started = await startReleaseStep(db(), user, submission.value, nowIso(), getT(request));
  if (started.ok) return redirect(`/udgivelser/${started.id}`);
  const status = started.refusals.length ? 409 : 400;
  return data({ result: submission.reply({ formErrors: started.refusals, fieldErrors: started.fieldErrors }), refusals: started.refusals }, { status });
}

export default NewReleasePage;

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
