// The published calculation's page: description, key figures, results by payer and year, checklist and
// inputs; the copy form (program managers) and the withdraw button (the publisher).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PHASE_PERIODS } from "#workflows/phase-model";
import { ConflictAlert, ErrorSummary, SelectField, TextField } from "~/components/forms";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { PAYERS } from "~/som/engine";
import { CopySchema, SCENARIOS } from "~/schemas/som-knowledge";
import { useLang, useT, useUser } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { formatDate, formatKroner, formatMeasure, formatPercent } from "~/i18n/format";
import type { ActionData } from "./entry.server";
import type { action, loader } from "./route";

export function PublishedCalculationPage() {
  const { entry: e, result, notes, initiatives } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const lang = useLang();
  const user = useUser();
  const last = actionData && "intent" in actionData ? actionData : undefined;
  const [copyForm, copyFields] = useForm({
    id: "copy",
    lastResult: last?.intent === "copy" ? last.result : undefined,
    defaultValue: { scenario: e.scenario, phase: e.phase, title: t("somx.copy.defaultTitle", { title: e.title }) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CopySchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const s = result.summary;
  const input = e.input;
  return (
    <>
      <Breadcrumbs items={[{ to: "/som", label: t("nav.som") }, { to: "/som/erfaringer", label: t("somx.title") }, { label: e.title }]} />
      <h1>{e.title}</h1>
      <p className="app-meta">
        {t("somx.publishedBy", { name: e.publisher_name, date: formatDate(e.published_at, lang) })}
        {" · "}{t(`phase.${e.phase}`)}{" · "}{t(`somk.scenario.${e.scenario}`)}
        {e.initiative_title ? <> · {e.initiative_title}</> : null}
      </p>
      {actionData && "conflict" in actionData ? <ConflictAlert /> : null}
      {e.unpublished_at ? (
        <div className="alert alert-warning" role="status"><div className="alert-body"><p className="alert-text">{t("somx.withdrawn", { date: formatDate(e.unpublished_at, lang) })}</p></div></div>
      ) : null}
      <div className="alert alert-info" role="note">
        <div className="alert-body"><p className="alert-text">{t("somx.responsibility")}</p></div>
      </div>
      <p className="app-prewrap">{e.description}</p>

      <section className="app-section" aria-labelledby="result-heading">
        <h2 id="result-heading">{t("somx.result.title")}</h2>
        <dl className="app-dl" data-testid="published-key-figures">
          <dt>{t("somx.result.net")}</dt><dd><strong>{formatKroner(s.net, lang)}</strong></dd>
          <dt>{t("somx.result.pvNet")}</dt><dd>{formatKroner(s.presentValueNet, lang)}</dd>
          <dt>{t("somx.result.bcr")}</dt><dd>{s.benefitCostRatio === "n/a" ? t("somx.result.na") : formatMeasure(s.benefitCostRatio, lang)}</dd>
          <dt>{t("somx.result.breakEvenYear")}</dt><dd>{s.breakEvenYear ?? t("somx.result.none")}</dd>
          <dt>{t("somx.result.netSuccessRate")}</dt><dd>{formatPercent(result.netSuccessRate, lang, 2, { trim: true })}</dd>
          <dt>{t("somx.input.priceYear")}</dt><dd>{e.checklist.priceYear}</dd>
          <dt>{t("somx.input.discountRate")}</dt><dd>{formatPercent(input.discountRate, lang, 2, { trim: true })}</dd>
        </dl>
        <div className="app-table-wrap">
          <table className="table table--compact">
            <caption>{t("somx.result.byPayer")}</caption>
            <thead><tr><th scope="col">{t("somx.col.payer")}</th><th scope="col">{t("somx.col.costs")}</th><th scope="col">{t("somx.col.effects")}</th><th scope="col">{t("somx.col.net")}</th></tr></thead>
            <tbody>
              {PAYERS.map((p) => (
                <tr key={p}>
                  <th scope="row">{t(`somk.payer.${p}`)}</th>
                  <td>{formatKroner(result.byPayer[p].costs, lang)}</td>
                  <td>{formatKroner(result.byPayer[p].budgetEffects, lang)}</td>
                  <td>{formatKroner(result.byPayer[p].net, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="app-table-wrap">
          <table className="table table--compact">
            <caption>{t("somx.result.byYear")}</caption>
            <thead><tr><th scope="col">{t("somx.col.year")}</th><th scope="col">{t("somx.col.costs")}</th><th scope="col">{t("somx.col.effects")}</th><th scope="col">{t("somx.col.net")}</th><th scope="col">{t("somx.col.cumulative")}</th></tr></thead>
            <tbody>
              {result.years.map((y) => (
                <tr key={y.year}>
                  <th scope="row">{y.year}</th>
                  <td>{formatKroner(y.costs, lang)}</td>
                  <td>{formatKroner(y.budgetEffects, lang)}</td>
                  <td>{formatKroner(y.net, lang)}</td>
                  <td>{formatKroner(y.cumulativeNet, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t("somx.result.how")}</h3>
        <ul>{notes.map((n) => <li key={n.id}>{lang === "da" ? n.da : n.en}</li>)}</ul>
      </section>

      <section className="app-section" aria-labelledby="checklist-heading">
        <h2 id="checklist-heading">{t("somx.checklist.title")}</h2>
        <dl className="app-dl">
          <dt>{t("somx.checklist.targetGroupMatch")}</dt><dd>{t(`somx.match.${e.checklist.targetGroupMatch}`)}{e.checklist.targetGroupNote ? ` – ${e.checklist.targetGroupNote}` : ""}</dd>
          <dt>{t("somx.checklist.effectMeasureMatch")}</dt><dd>{t(`somx.match.${e.checklist.effectMeasureMatch}`)}{e.checklist.effectMeasureNote ? ` – ${e.checklist.effectMeasureNote}` : ""}</dd>
          <dt>{t("somx.checklist.effectSource")}</dt><dd>{e.checklist.effectSource}</dd>
        </dl>
      </section>

      <section className="app-section" aria-labelledby="input-heading">
        <h2 id="input-heading">{t("somx.input.title")}</h2>
        <dl className="app-dl">
          <dt>{t("somx.input.horizon")}</dt><dd>{input.horizonYears}</dd>
          <dt>{t("somx.input.courseLength")}</dt><dd>{input.courseLengthYears}</dd>
          <dt>{t("somx.input.rates")}</dt><dd>{formatPercent(input.successRate.intervention, lang, 2, { trim: true })} / {formatPercent(input.successRate.comparison, lang, 2, { trim: true })}</dd>
          <dt>{t("somx.input.cohorts")}</dt>
          <dd>{input.cohorts.map((c) => t("somx.input.cohort", { year: c.startYear, citizens: formatMeasure(c.citizens, lang) })).join("; ")}</dd>
        </dl>
        {input.costs.length ? (
          <div className="app-table-wrap">
            <table className="table table--compact">
              <caption>{t("somx.input.costs")}</caption>
              <thead><tr><th scope="col">{t("somx.col.label")}</th><th scope="col">{t("somx.col.payer")}</th><th scope="col">{t("somx.col.type")}</th><th scope="col">{t("somx.col.amount")}</th></tr></thead>
              <tbody>
                {input.costs.map((c, i) => (
                  <tr key={i}>
                    <th scope="row">{c.label}</th>
                    <td>{t(`somk.payer.${c.payer}`)}</td>
                    <td>{t(`somx.costType.${c.type}`)}{c.type === "oneOff" ? ` (${c.year})` : c.type === "annual" ? ` (${c.fromYear}–${c.toYear})` : ""}</td>
                    <td>{formatKroner(c.amount, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <p>{t("somx.input.noCosts")}</p>}
        <div className="app-table-wrap">
          <table className="table table--compact">
            <caption>{t("somx.input.consequences")}</caption>
            <thead><tr><th scope="col">{t("somx.col.label")}</th><th scope="col">{t("somk.estimate.area")}</th><th scope="col">{t("somx.col.deltas")}</th><th scope="col">{t("somk.estimate.prices")}</th></tr></thead>
            <tbody>
              {input.consequences.map((c, i) => (
                <tr key={i}>
                  <th scope="row">{c.label} <span className="app-meta">({t(`somk.kind.${c.kind}`)})</span></th>
                  <td>{c.area}</td>
                  <td>{c.deltaPerSuccess.map((d) => formatMeasure(d, lang, 4)).join("; ")}</td>
                  <td>{PAYERS.map((p) => `${t(`somk.payer.${p}`)} ${formatMeasure(c.prices[p], lang)}`).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {can(user, "som.edit") && !e.unpublished_at ? (
        <section className="app-section" aria-labelledby="copy-heading">
          <h2 id="copy-heading">{t("somx.copy.title")}</h2>
          <p>{t("somx.copy.intro")}</p>
          <ErrorSummary form={copyForm} />
          <Form method="post" {...getFormProps(copyForm)}>
            <input type="hidden" name="intent" value="copy" />
            <SelectField meta={copyFields.initiativeId} label={t("somk.field.initiative")} placeholder={t("somk.choose")}
              options={initiatives.map((i) => ({ value: String(i.id), label: `${i.title} (${t(`phase.${i.phase}`)})` }))} />
            <SelectField meta={copyFields.phase} label={t("somk.field.phase")} options={PHASE_PERIODS.map((p) => ({ value: p, label: t(`phase.${p}`) }))} />
            <SelectField meta={copyFields.scenario} label={t("somk.field.scenario")} options={SCENARIOS.map((s) => ({ value: s, label: t(`somk.scenario.${s}`) }))} />
            <TextField meta={copyFields.title} label={t("somk.start.calcTitle")} />
            <button type="submit" className="button button-primary">{t("somx.copy.submit")}</button>
          </Form>
        </section>
      ) : null}

      {user?.id === e.published_by && !e.unpublished_at ? (
        <section className="app-section" aria-labelledby="unpublish-heading">
          <h2 id="unpublish-heading">{t("somx.unpublish.title")}</h2>
          <p>{t("somx.unpublish.intro")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="unpublish" />
            <input type="hidden" name="version" value={e.version} />
            <button type="submit" className="button button-secondary">{t("somx.unpublish.submit")}</button>
          </Form>
        </section>
      ) : null}
      <p><Link to="/som/erfaringer">{t("somx.back")}</Link></p>
    </>
  );
}
