// A meeting's minutes (referat), printable as an A4 document (print stylesheet; "Udskriv / gem som PDF").
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam } from "~/utils/http.server";
import { formatDate } from "~/i18n";
import { metaT } from "~/utils/i18n";
import { loadMinutes } from "./minutes.server";
import { MinutesPage } from "./ui";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return [{ title: `${data ? t("minutes.metaTitle", { date: formatDate(data.meeting.date, t.lang) }) : t("meeting.minutes.link")} · SUSI Tracker` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "meeting.read");
  return loadMinutes(db(), intParam(params.mid));
}

export default function MinutesRoute() {
  return <MinutesPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
