// The calculation page: heading and meta, the editor (program managers) or the read-only view, and the
// versions with their workbook downloads and publish links.
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CalculationView, InvalidStoredCalculation } from "~/components/som/calculation-view";
import { SomEditor } from "~/components/som/editor";
import { formatDateTime } from "~/i18n";
import { useLang, useT } from "~/utils/i18n";
import type { action, loader } from "./route";

export function CalculationPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const lang = useLang();
  const c = d.calculation;
  const saved = params.get("gemt");
  return (
    <>
      <Breadcrumbs items={[{ to: `/initiativer/${d.initiative.id}`, label: d.initiative.title }, { label: c.title }]} />
      <div className="app-page-head">
        <div>
          <h1>{c.title}</h1>
          <p className="app-meta">
            {t("som.calculation.meta", {
              phase: t(`phase.${c.phase}`), scenario: t(`som.scenario.${c.scenario}`), n: c.latest.number,
              when: formatDateTime(c.latest.created_at, lang), who: c.latest.created_by_name ?? t("common.unknown"),
            })}
          </p>
        </div>
        <div className="app-actions">
          <Link to={`/initiativer/${d.initiative.id}/som/sammenlign?fase=${c.phase}`}>{t("som.compare.link", { phase: t(`phase.${c.phase}`) })}</Link>
        </div>
      </div>
      {saved && saved === String(c.latest.number) ? (
        <div className="alert alert-success" role="status"><div className="alert-body"><p className="alert-text">{t("som.saved", { n: saved })}</p></div></div>
      ) : null}
      {!d.input || !d.defaults ? <InvalidStoredCalculation errors={d.storedErrors ?? []} /> : d.canEdit ? (
        <SomEditor
          key={c.version} mode="edit" defaultValue={d.defaults}
          lastResult={actionData && "result" in actionData ? actionData.result : undefined}
          conflict={!!actionData && "conflict" in actionData}
          submitLabel={t("som.edit.submit", { n: c.version + 1 })}
        />
      ) : (
        <CalculationView input={d.input} checklist={c.latest.checklist} spreads={c.latest.spreads} />
      )}
      <section className="app-section" aria-labelledby="som-versioner">
        <h2 id="som-versioner">{t("som.versions.title")}</h2>
        <ol reversed>
          {d.versions.map((v) => (
            <li key={v.id}>
              <Link to={`/initiativer/${d.initiative.id}/som/${c.id}/v/${v.id}`}>{t("som.versionN", { n: v.number })}</Link>{" "}
              <span className="app-meta">{formatDateTime(v.created_at, lang)} {v.created_by_name ? t("common.by", { name: v.created_by_name }) : ""}</span>
              {" · "}
              <a href={`/initiativer/${d.initiative.id}/som/${c.id}/v/${v.id}.xlsx`} download>
                {t("som.versions.xlsx")}<span className="visually-hidden"> ({t("som.versionN", { n: v.number })})</span>
              </a>
              {d.canEdit ? (
                <>
                  {" · "}
                  <Link to={`/som/erfaringer/udgiv?version=${v.id}`}>
                    {t("som.versions.publish")}<span className="visually-hidden"> ({t("som.versionN", { n: v.number })})</span>
                  </Link>
                </>
              ) : null}
            </li>
          ))}
        </ol>
        <p><Link to={`/initiativer/${d.initiative.id}/som/excel`}>{t("som.versions.excelPage")}</Link></p>
      </section>
    </>
  );
}
