// The public subscription form (no login): email, who subscribes (municipality, civil-society organisation,
// social service, other; only a municipality names its municipality), areas, topics and/or the initiative the
// reader came from, how often. A valid request is stored as pending and only a confirmation mail is queued
// (double opt-in).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubscribeSchema } from "~/schemas/subscription";
import { db } from "~/utils/db.server";
import { nowIso, readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { requestSubscription, subscribeFormData } from "./subscribe.server";
import { SubscribePage } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("subscriptions.title")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  return subscribeFormData(db(), request);
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: SubscribeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await requestSubscription(db(), submission.value, nowIso());
  if (!result.ok) return data(submission.reply({ fieldErrors: { [result.field]: ["subscriptions.error.initiative"] } }), { status: 400 });
  return redirect("/viden/abonnement/tak");
}

export default SubscribePage;
