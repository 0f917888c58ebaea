// One target group of the knowledge database: its consequence estimates and effect studies, and the form
// that starts a SØM calculation from them (prices moved to the chosen price year with the net price index).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { badRequest, readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { can } from "~/utils/permissions";
import { deleteGroupStep, loadGroupPage, startCalculationStep } from "./group.server";
import { TargetGroupPage } from "./ui";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? `${data.group.name} · ${metaT(matches)("somk.title")} · SUSI Tracker` : "SUSI Tracker" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadGroupPage(db(), params.tgid, can(user, "som.edit"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent !== "start" && intent !== "delete") badRequest('Unknown or missing "intent"');
  await requirePermission(request, intent === "start" ? "som.edit" : "som.knowledge.edit");
  const step = intent === "start" ? startCalculationStep : deleteGroupStep;
  return step(db(), { tgid: params.tgid, form, actorId: user.id, t: getT(request) });
}

export default function TargetGroupRoute() {
  return <TargetGroupPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
