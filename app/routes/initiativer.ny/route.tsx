// A new initiative (program managers and admins): created active, in the phase the form names, with its
// owner and budgets; 400 naming the field on bad input, nothing written.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { createInitiativeStep, loadNewInitiativePage } from "./create.server";
import { NewInitiativePage } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("form.createTitle")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "initiative.create");
  return loadNewInitiativePage(db(), user.id);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "initiative.create");
  return createInitiativeStep(db(), { request, form: await readForm(request), actorId: user.id });
}

export default function NewInitiative() {
  return <NewInitiativePage />;
}
