// The public subscription form (no login): email, municipality, areas and/or topics, how often. A valid
// request is stored as pending and only a confirmation mail is queued (double opt-in).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { MUNICIPALITIES } from "#db/seed-data/municipalities";
import { SubscribeSchema } from "~/schemas/subscription";
import { db } from "~/utils/db.server";
import { nowIso, readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { requestSubscription } from "./subscribe.server";
import { SubscribePage } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("subscriptions.title")} · SUSI Tracker` }];

export async function loader() {
  const municipalities = [...MUNICIPALITIES].sort((a, b) => a.name.localeCompare(b.name, "da"));
  return { municipalities: municipalities.map((m) => ({ value: m.code, label: m.name })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: SubscribeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await requestSubscription(db(), submission.value, nowIso());
  return redirect("/viden/abonnement/tak");
}

export default SubscribePage;
