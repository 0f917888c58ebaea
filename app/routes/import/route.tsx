// Import of UIP initiatives from a CSV file: the whole file is validated first and imported in one
// transaction, so a file with any bad row imports nothing. The import runs in a worker thread; a small file
// is answered at once, a large one shows its progress at /import?job=<id> until it is done (DECISIONS 0085).
// Program managers and admins only.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { nowIso } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { importPage, uploadStep, type ImportActionData } from "./import.server";
import { ImportPage } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("nav.import")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "initiative.import");
  return importPage(db(), user.id, new URL(request.url).searchParams.get("job"));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "initiative.import");
  const answer = await uploadStep(request, user.id, nowIso());
  if (answer.status === 303) return redirect(`/import?job=${answer.jobId}`, 303);
  return data<ImportActionData>(answer.body, { status: answer.status });
}

export default function ImportRoute() {
  return <ImportPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
