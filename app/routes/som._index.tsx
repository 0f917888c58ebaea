// SØM across the programme: every initiative's calculations, most recently saved first (paged in SQL),
// with the way into SØM's knowledge database and the experience database.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listLatestCalculations } from "#db/queries/som";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { formatDateTime } from "~/i18n/format";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { metaT, useLang, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("nav.som")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const raw = new URL(request.url).searchParams.get("page");
  // A page number that is not one shows the first page rather than an error.
  const page = raw && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return listLatestCalculations(db(), page);
}

export default function SomOverviewPage() {
  const { rows, total, page, pageSize } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <>
      <h1>{t("som.overview.title")}</h1>
      <p>{t("som.overview.intro")}</p>
      <ul className="app-actions nobullet-list">
        <li><Link to="/som/viden">{t("som.overview.knowledge")}</Link></li>
        <li><Link to="/som/erfaringer">{t("som.overview.experience")}</Link></li>
      </ul>
      <section className="app-section" aria-labelledby="som-seneste">
        <h2 id="som-seneste">{t("som.overview.latest")}</h2>
        {rows.length === 0 ? <p>{t("som.overview.none")}</p> : (
          <div className="app-table-wrap">
            <table className="table table--compact">
              <caption className="visually-hidden">{t("som.overview.latest")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("som.overview.col.calculation")}</th>
                  <th scope="col">{t("som.overview.col.initiative")}</th>
                  <th scope="col">{t("som.field.phase")}</th>
                  <th scope="col">{t("som.field.scenario")}</th>
                  <th scope="col">{t("som.overview.col.version")}</th>
                  <th scope="col">{t("som.overview.col.saved")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td><Link to={`/initiativer/${r.initiative_id}/som/${r.id}`}>{r.title}</Link></td>
                    <td><Link to={`/initiativer/${r.initiative_id}`}>{r.initiative_title}</Link></td>
                    <td>{t(`phase.${r.phase}`)}</td>
                    <td>{t(`som.scenario.${r.scenario}`)}</td>
                    <td>{r.latest_number}</td>
                    <td>{formatDateTime(r.updated_at, lang)}{r.updated_by_name ? ` ${t("common.by", { name: r.updated_by_name })}` : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={page} pageSize={pageSize} total={total} />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
