// One initiative: facts, phase model and timeline, the latest assessments, decisions and history (with
// "vis alle" pages), SØM calculations and user involvement, whose form posts here.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import flowCss from "@xyflow/react/dist/style.css?url";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam } from "~/utils/http.server";
import { involvementStep } from "./involvement.server";
import { loadInitiativePage } from "./page.server";
import { InitiativePage } from "./ui";

// Logged-in readers get this page from memory until the database changes (page-cache.server.ts).
export const handle = { pageCache: true };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: flowCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.initiative.title} · SUSI Tracker` : "SUSI Tracker" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  return loadInitiativePage(db(), intParam(params.id));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "involvement.add");
  return involvementStep(db(), request, intParam(params.id), user.id);
}

export default function InitiativeRoute() {
  return <InitiativePage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
