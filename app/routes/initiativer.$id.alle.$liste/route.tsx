// "Vis alle": every assessment, decision or history row of one initiative, 50 to a page, newest first.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { loadAllOf } from "./lists.server";
import { AllOfPage } from "./ui";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? `${metaT(matches)(`all.title.${data.list}`)} · ${data.initiative.title} · SUSI Tracker` : "SUSI Tracker" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  return loadAllOf(db(), intParam(params.id), params.liste, request);
}

export default function AllOfRoute() {
  return <AllOfPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
