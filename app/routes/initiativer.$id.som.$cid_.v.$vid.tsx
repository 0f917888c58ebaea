// One saved version of a SØM calculation, read-only: what a steering-group decision was taken on stays
// visible exactly as it was, whatever has been saved since. (`$cid_` keeps this page out of the editor's layout.)
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getInitiative } from "#db/queries/initiatives";
import { getCalculationVersion, getVersionUncertainty, listDecisionsFreezingVersion } from "#db/queries/som";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CalculationView, InvalidStoredCalculation } from "~/components/som/calculation-view";
import { StoredUncertainty } from "~/components/som/uncertainty";
import somCss from "~/components/som/som.css?url";
import { formatDate, formatDateTime } from "~/i18n";
import { parseSomInput } from "~/som/schema";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound } from "~/utils/http.server";
import { metaT, useLang, useT } from "~/utils/i18n";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: somCss }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: data
      ? `${metaT(matches)("som.version.title", { title: data.version.calculation.title, n: data.version.number })} (SØM) · SUSI Tracker`
      : "SUSI Tracker",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const id = intParam(params.id);
  const cid = intParam(params.cid);
  const [initiative, version] = await Promise.all([getInitiative(db(), id), getCalculationVersion(db(), intParam(params.vid))]);
  if (!initiative || !version || version.calculation_id !== cid || version.calculation.initiative_id !== id) notFound();
  const parsed = parseSomInput(version.input);
  return {
    initiative: { id: initiative.id, title: initiative.title },
    version,
    input: parsed.ok ? parsed.value : null,
    storedErrors: parsed.ok ? null : parsed.errors,
    decisions: await listDecisionsFreezingVersion(db(), version.id),
    uncertainty: await getVersionUncertainty(db(), version.id),
  };
}

export default function CalculationVersionPage() {
  const { initiative, version: v, input, storedErrors, decisions, uncertainty } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const c = v.calculation;
  const isLatest = c.latest_version_id === v.id;
  return (
    <>
      <Breadcrumbs items={[{ to: `/initiativer/${initiative.id}`, label: initiative.title }, { to: `/initiativer/${initiative.id}/som/${c.id}`, label: c.title }, { label: t("som.versionN", { n: v.number }) }]} />
      <h1>{t("som.version.title", { title: c.title, n: v.number })}</h1>
      <p className="app-meta">
        {t("som.version.meta", {
          phase: t(`phase.${c.phase}`), scenario: t(`som.scenario.${c.scenario}`),
          when: formatDateTime(v.created_at, lang), who: v.created_by_name ?? t("common.unknown"),
        })}
      </p>
      <div className="alert alert-info" role="note">
        <div className="alert-body">
          <p className="alert-text">
            {t("som.version.readonly")}{" "}
            {isLatest ? t("som.version.isLatest") : <Link to={`/initiativer/${initiative.id}/som/${c.id}`}>{t("som.version.seeLatest")}</Link>}
          </p>
        </div>
      </div>
      {decisions.length ? (
        <section className="app-section" aria-labelledby="som-frosset">
          <h2 id="som-frosset">{t("som.version.frozenBy")}</h2>
          <ul>
            {decisions.map((d) => (
              <li key={d.id}>
                <Link to={`/initiativer/${initiative.id}#beslutning-${d.id}`}>
                  {t("decision.list.heading", { outcome: t(`outcome.${d.outcome}`), date: formatDate(d.decided_at, lang) })}
                </Link>{" "}
                <span className="app-meta">({t(`phase.${d.from_phase}`)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {input ? <CalculationView input={input} checklist={v.checklist} spreads={v.spreads} /> : <InvalidStoredCalculation errors={storedErrors ?? []} />}
      <StoredUncertainty stored={uncertainty} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
