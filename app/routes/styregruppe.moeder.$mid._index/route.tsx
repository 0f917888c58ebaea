// One steering-group meeting: members present, agenda, decisions taken, and the awaiting list to add from.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, nowIso, readForm } from "~/utils/http.server";
import { formatDate } from "~/i18n";
import { metaT } from "~/utils/i18n";
import { getLang } from "~/utils/i18n.server";
import { loadMeetingPage, meetingActionStep } from "./meeting.server";
import { MeetingPage } from "./ui";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return [{ title: `${data ? t("meeting.metaTitle", { date: formatDate(data.meeting.date, t.lang) }) : t("meeting.list.title")} · SUSI Tracker` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "meeting.manage");
  return loadMeetingPage(db(), intParam(params.mid), nowIso());
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "meeting.manage");
  const id = intParam(params.mid);
  return meetingActionStep(db(), { request, id, form: await readForm(request), actorId: user.id, lang: getLang(request) });
}

export default function MeetingRoute() {
  return <MeetingPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
