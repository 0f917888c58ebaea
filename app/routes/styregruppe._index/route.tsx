// /styregruppe: the steering group's home (where its members land): what awaits a decision, and its meetings.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { nowIso } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { loadSteeringHome } from "./home.server";
import { SteeringHomePage } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("steering.title")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "meeting.manage");
  return loadSteeringHome(db(), nowIso());
}

export default function SteeringHomeRoute() {
  return <SteeringHomePage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
