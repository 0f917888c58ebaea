// One release edition for the knowledge staff: preview, status, reach, editions, history, and a form for each
// transition the status allows. Each action answers 400 (form), 403 (role), 409 (workflow refusal naming the
// rule, or a stale version) and otherwise redirects back here with a receipt; publishing and withdrawing ask
// for confirmation first. Knowledge staff only.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, nowIso, readForm } from "~/utils/http.server";
import { getT } from "~/utils/i18n.server";
import { metaT } from "~/utils/i18n";
import { publicBaseUrl } from "~/utils/public-url.server";
import { releaseActionStep } from "./actions.server";
import { loadReleasePage } from "./page.server";
import { ReleaseAdminPage } from "./ui";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return [{ title: data ? `${data.release.title || t("releases.untitled")} · ${t("releases.list.title")} · SUSI Tracker` : `${t("releases.list.title")} · SUSI Tracker` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "release.edit");
  return loadReleasePage(db(), intParam(params.id), user);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "release.edit");
  const [id, form] = [intParam(params.id), await readForm(request)];
  return releaseActionStep(db(), { request, id, form, actor: user, now: nowIso(), baseUrl: publicBaseUrl(), t: getT(request) });
}

export default function ReleaseRoute() {
  return <ReleaseAdminPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
