// Publish one calculation version to the experience database (program managers), with a short description,
// under the publisher's own responsibility. The version is given as ?version=<id>.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { getLang } from "~/utils/i18n.server";
import { loadPublishPage, publishStep } from "./publish.server";
import { PublishPage } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("somx.publish.title")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "som.edit");
  return loadPublishPage(db(), new URL(request.url).searchParams.get("version"));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "som.edit");
  return publishStep(db(), { form: await readForm(request), actorId: user.id, lang: getLang(request) });
}

export default function PublishRoute() {
  return <PublishPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
