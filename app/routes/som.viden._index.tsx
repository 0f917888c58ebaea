// The SØM knowledge database (vidensdatabase): target groups with their consequence estimates and effect
// studies, and the net price index. Everyone logged in reads it; program managers and admins maintain it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listNpi, listTargetGroups } from "#db/queries/som-knowledge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ExampleNotice, ExampleTag } from "~/components/som-knowledge";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { metaT, useT, useUser } from "~/utils/i18n";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("somk.title")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const [groups, npi] = await Promise.all([listTargetGroups(db()), listNpi(db())]);
  const npiYears = npi.map((r) => r.year);
  return {
    groups: groups.map((g) => ({ ...g, estimate_count: Number(g.estimate_count), study_count: Number(g.study_count) })),
    npiRange: npiYears.length ? { from: Math.min(...npiYears), to: Math.max(...npiYears), example: npi.some((r) => r.is_example) } : null,
  };
}

export default function KnowledgeDatabase() {
  const { groups, npiRange } = useLoaderData<typeof loader>();
  const t = useT();
  const user = useUser();
  const anyExample = groups.some((g) => g.is_example) || !!npiRange?.example;
  return (
    <>
      <Breadcrumbs items={[{ to: "/som", label: t("nav.som") }, { label: t("somk.title") }]} />
      <div className="app-page-head">
        <div>
          <h1>{t("somk.title")}</h1>
          <p>{t("somk.intro")}</p>
        </div>
        <div className="app-actions">
          {can(user, "som.knowledge.edit") ? <Link to="/som/viden/ny" className="button button-primary">{t("somk.group.create")}</Link> : null}
          <Link to="/som/erfaringer" className="button button-secondary">{t("somx.title")}</Link>
        </div>
      </div>
      {anyExample ? <ExampleNotice /> : null}

      <section className="app-section" aria-labelledby="groups-heading">
        <h2 id="groups-heading">{t("somk.groups.title")}</h2>
        {groups.length ? (
          <div className="app-table-wrap">
            <table className="table table--compact">
              <caption className="visually-hidden">{t("somk.groups.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("somk.group.name")}</th>
                  <th scope="col">{t("somk.group.area")}</th>
                  <th scope="col">{t("somk.group.ageBand")}</th>
                  <th scope="col">{t("somk.group.successMeasure")}</th>
                  <th scope="col">{t("somk.groups.estimates")}</th>
                  <th scope="col">{t("somk.groups.studies")}</th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr key={g.id}>
                    <th scope="row">
                      <Link to={`/som/viden/${g.id}`}>{g.name}</Link> {g.is_example ? <ExampleTag /> : null}
                    </th>
                    <td>{t(`somk.area.${g.area}`)}</td>
                    <td>{t("somk.ageBand.value", { band: g.age_band })}</td>
                    <td>{g.success_measure}</td>
                    <td>{g.estimate_count}</td>
                    <td>{g.study_count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("somk.groups.empty")}</p>
        )}
      </section>

      <section className="app-section" aria-labelledby="npi-heading">
        <h2 id="npi-heading">{t("somk.npi.title")}</h2>
        <p>{t("somk.npi.intro")}</p>
        <p>
          {npiRange ? t("somk.npi.range", { from: npiRange.from, to: npiRange.to }) : t("somk.npi.empty")}{" "}
          {npiRange?.example ? <ExampleTag /> : null}
        </p>
        <p><Link to="/som/viden/npi">{t("somk.npi.open")}</Link></p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
