// One published calculation of the experience database: its description, assumptions (checklist), inputs
// and results; program managers copy it into one of their initiatives' phases; the publisher may withdraw it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { badRequest, readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { getLang } from "~/utils/i18n.server";
import { can } from "~/utils/permissions";
import { copyStep, loadEntryPage, unpublishStep } from "./entry.server";
import { PublishedCalculationPage } from "./ui";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? `${data.entry.title} · ${metaT(matches)("somx.title")} · SUSI Tracker` : "SUSI Tracker" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadEntryPage(db(), params.pid, user, can(user, "som.edit"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "copy") await requirePermission(request, "som.edit");
  if (intent !== "copy" && intent !== "unpublish") badRequest('Unknown or missing "intent"');
  return (intent === "copy" ? copyStep : unpublishStep)(db(), { pid: params.pid, form, actorId: user.id, lang: getLang(request) });
}

export default function PublishedCalculationRoute() {
  return <PublishedCalculationPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
