// One release edition for the knowledge staff: preview, status, reach, editions, history, and a form for each
// transition the status allows. Each action answers 400 (form), 403 (role), 409 (workflow refusal naming the
// rule, or a stale version) and otherwise redirects back here. Knowledge staff only.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ConflictError } from "#db/errors";
import { countReleaseReach } from "#db/queries/outbox";
import { getReleaseDetail, getReleaseLink, listEditions, listReleaseHistory } from "#db/queries/release-views";
import { findOpenEdition, getRelease, seriesId, toReleaseState } from "#db/queries/releases";
import { notYetReviewed } from "#workflows/release";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { renderMarkdown } from "~/markdown/render";
import { ReleaseActionSchema } from "~/schemas/release";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound, nowIso, readForm } from "~/utils/http.server";
import { getT } from "~/utils/i18n.server";
import { metaT } from "~/utils/i18n";
import { publicBaseUrl } from "~/utils/public-url.server";
import { refusalErrors, releaseRefusalMessage } from "~/utils/release-text";
import { performReleaseAction } from "./actions.server";
import { ReleaseAdminPage } from "./ui";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return [{ title: data ? `${data.release.title || t("releases.untitled")} · ${t("releases.list.title")} · SUSI Tracker` : `${t("releases.list.title")} · SUSI Tracker` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "release.edit");
  const detail = await getReleaseDetail(db(), intParam(params.id));
  if (!detail) notFound();
  const r = detail.release;
  const wasPublic = r.published_at !== null;
  const [editions, newest, previous, openEdition, reach, history] = await Promise.all([
    listEditions(db(), seriesId(r)),
    r.superseded_by_id ? getReleaseLink(db(), r.superseded_by_id) : undefined,
    r.previous_id ? getReleaseLink(db(), r.previous_id) : undefined,
    r.status === "published" ? findOpenEdition(db(), r.id) : undefined,
    wasPublic ? countReleaseReach(db(), r.id) : Promise.resolve(null),
    listReleaseHistory(db(), r.id),
  ]);
  const state = toReleaseState(r);
  return {
    ...detail,
    html: renderMarkdown(r.body_md),
    editions,
    newest: newest ?? null,
    previous: previous ?? null,
    openEditionId: openEdition?.id ?? null,
    reach,
    history,
    notYetReviewed: notYetReviewed(state),
    me: {
      involved: r.author_id === user.id || r.contributorIds.includes(user.id),
      forcedIt: r.force_published_by_id === user.id,
    },
  };
}

const REASON_FIELDS = ["reason", "comment", "kind"];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "release.edit");
  const id = intParam(params.id);
  if (!(await getRelease(db(), id))) notFound();
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const submission = parseWithZod(formData, { schema: ReleaseActionSchema });
  if (submission.status !== "success") {
    return data({ intent, result: submission.reply(), refusals: [] as string[], conflict: false }, { status: 400 });
  }
  try {
    const outcome = await db().transaction().execute((trx) =>
      performReleaseAction(trx, id, submission.value, user, nowIso(), publicBaseUrl(request)),
    );
    if ("redirectTo" in outcome) return redirect(outcome.redirectTo);
    const t = getT(request);
    const messages = outcome.refusals.map((r) => releaseRefusalMessage(r, t));
    return data(
      { intent, result: submission.reply(refusalErrors(outcome.refusals, messages, REASON_FIELDS)), refusals: messages, conflict: false },
      { status: 409 },
    );
  } catch (error) {
    if (error instanceof ConflictError) return data({ intent, result: submission.reply(), refusals: [] as string[], conflict: true }, { status: 409 });
    throw error;
  }
}

export default function ReleaseRoute() {
  return <ReleaseAdminPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
