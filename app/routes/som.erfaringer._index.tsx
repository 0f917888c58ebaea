// The SØM experience database (erfaringsdatabase): calculations program managers have published for others
// to read and copy. Published under each publisher's own responsibility, not quality-assured.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPublishedCalculations } from "#db/queries/som-experience";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { calculate } from "~/som/engine";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { metaT, useLang, useT } from "~/utils/i18n";
import { formatDate, formatKroner } from "~/i18n/format";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("somx.title")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const rows = await listPublishedCalculations(db());
  return { entries: rows.map(({ input, ...r }) => ({ ...r, net: calculate(input).summary.net })) };
}

export default function ExperienceDatabase() {
  const { entries } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <>
      <Breadcrumbs items={[{ to: "/som", label: t("nav.som") }, { label: t("somx.title") }]} />
      <h1>{t("somx.title")}</h1>
      <p>{t("somx.intro")}</p>
      <div className="alert alert-info" role="note">
        <div className="alert-body"><p className="alert-text">{t("somx.responsibility")}</p></div>
      </div>
      <p>{t("somx.howToPublish")}</p>
      {entries.length ? (
        <ul className="nobullet-list" data-testid="experience-list">
          {entries.map((e) => (
            <li key={e.id} className="app-card">
              <h2 className="h3"><Link to={`/som/erfaringer/${e.id}`}>{e.title}</Link></h2>
              <p className="app-meta">
                {t("somx.publishedBy", { name: e.publisher_name, date: formatDate(e.published_at, lang) })}
                {" · "}{t(`phase.${e.phase}`)}{" · "}{t(`somk.scenario.${e.scenario}`)}
                {e.initiative_title ? <> · {e.initiative_title}</> : null}
              </p>
              <p className="app-prewrap">{e.description}</p>
              <p>{t("somx.net")}: <strong>{formatKroner(e.net, lang)}</strong></p>
            </li>
          ))}
        </ul>
      ) : <p>{t("somx.empty")}</p>}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
