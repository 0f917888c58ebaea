// The knowledge staff's releases: working views (mine, to review, not yet reviewed, asked for by a steering
// group) and every edition by status. Knowledge staff only.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { listStaffReleases } from "#db/queries/release-views";
import { RELEASE_STATUSES } from "#workflows/release";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { formatDate, formatDateTime } from "~/i18n";
import { StaffListSchema } from "~/schemas/release";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { badParameter } from "~/utils/http.server";
import { metaT, useLang, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("releases.list.title")} · SUSI Tracker` }];

const VIEWS = ["all", "mine", "to_review", "unreviewed", "requested"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "release.edit");
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const parsed = StaffListSchema.safeParse(params);
  if (!parsed.success) badParameter(request, parsed.error.issues[0].path.join("."), "filter");
  const { page, ...filters } = parsed.data;
  return listStaffReleases(db(), filters, user.id, page ?? 1);
}

export default function ReleasesPage() {
  const { rows, total, page, pageSize } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  const lang = useLang();
  const current = params.get("view") ?? "all";
  return (
    <>
      <div className="app-page-head">
        <div>
          <h1>{t("releases.list.title")}</h1>
          <p>{t("releases.list.intro")}</p>
        </div>
        <div className="app-actions">
          <Link to="/viden/abonnement/oversigt" className="button button-secondary">{t("releases.list.subscribers")}</Link>
          <Link to="/viden" className="button button-secondary">{t("releases.list.portal")}</Link>
        </div>
      </div>
      <nav aria-label={t("releases.list.views")}>
        <ul className="app-actions nobullet-list">
          {VIEWS.map((v) => (
            <li key={v}>
              <Link to={v === "all" ? "/udgivelser" : `/udgivelser?view=${v}`} aria-current={current === v ? "page" : undefined}>
                {current === v ? <strong>{t(`releases.view.${v}`)}</strong> : t(`releases.view.${v}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Form method="get" className="app-filters" aria-label={t("releases.list.filter")}>
        {current !== "all" ? <input type="hidden" name="view" value={current} /> : null}
        <div className="form-group">
          <label className="form-label" htmlFor="filter-status">{t("releases.list.status")}</label>
          <select className="form-select" id="filter-status" name="status" defaultValue={params.get("status") ?? ""}>
            <option value="">{t("portal.all")}</option>
            {RELEASE_STATUSES.map((s) => <option key={s} value={s}>{t(`releaseStatus.${s}`)}</option>)}
          </select>
        </div>
        <div className="app-actions">
          <button type="submit" className="button button-secondary">{t("releases.list.filter")}</button>
        </div>
      </Form>
      <p role="status"><strong>{total === 1 ? t("releases.list.countOne") : t("releases.list.count", { count: total })}</strong></p>
      {rows.length === 0 ? <p>{t("releases.list.empty")}</p> : (
        <div className="app-table-wrap">
          <table className="table table--compact">
            <caption className="visually-hidden">{t("releases.list.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("releases.col.title")}</th>
                <th scope="col">{t("releases.col.status")}</th>
                <th scope="col">{t("releases.col.edition")}</th>
                <th scope="col">{t("releases.col.initiative")}</th>
                <th scope="col">{t("releases.col.author")}</th>
                <th scope="col">{t("releases.col.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/udgivelser/${r.id}`}>{r.title || t("releases.untitled")}</Link></td>
                  <td>
                    {t(`releaseStatus.${r.status}`)}
                    {r.force_published === 1 && r.reviewed_at === null && r.status !== "withdrawn" ? <> · {t("releases.notReviewed")}</> : null}
                    {r.status === "in_review" && r.scheduled_at ? <> · <span data-testid="scheduled-for">{t("releases.scheduledFor", { at: formatDateTime(r.scheduled_at, lang) })}</span></> : null}
                  </td>
                  <td>{r.edition}{r.edition_kind ? ` (${t(`editionKind.${r.edition_kind}`)})` : ""}</td>
                  <td>{r.initiative_title} ({t(`phase.${r.phase}`)})</td>
                  <td>{r.author_name ?? t("releases.noAuthorYet")}</td>
                  <td>{formatDate(r.updated_at, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
