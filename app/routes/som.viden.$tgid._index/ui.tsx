// The target group's page: its facts, the consequence estimates and effect studies tables (with edit links
// for the knowledge staff), and the form that starts a SØM calculation (program managers).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PHASE_PERIODS } from "#workflows/phase-model";
import { ConflictAlert, ErrorSummary, RadioField, SelectField, TextField } from "~/components/forms";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ExampleNotice, ExampleTag } from "~/components/som-knowledge";
import { StartCalculationSchema, SCENARIOS } from "~/schemas/som-knowledge";
import { useLang, useT, useUser } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { formatMeasure, formatPercent } from "~/i18n/format";
import type { ActionData } from "./group.server";
import type { action, loader } from "./route";

export function TargetGroupPage() {
  const { group, estimates, studies, npiYears, npiHasExamples, initiatives } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const lang = useLang();
  const user = useUser();
  const canEdit = can(user, "som.knowledge.edit");
  const anyExample = !!group.is_example || estimates.some((e) => e.is_example) || studies.some((s) => s.is_example);
  const last = actionData && "intent" in actionData ? actionData : undefined;
  const [startForm, startFields] = useForm({
    id: "start",
    lastResult: last?.intent === "start" ? last.result : undefined,
    defaultValue: {
      scenario: "expected", priceYear: npiYears.length ? String(npiYears[npiYears.length - 1]) : "",
      courseLengthYears: "1", title: group.name, studyId: studies[0] ? String(studies[0].id) : "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StartCalculationSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const maxYears = Math.max(1, ...estimates.map((e) => e.deltas.length));

  return (
    <>
      <Breadcrumbs items={[{ to: "/som", label: t("nav.som") }, { to: "/som/viden", label: t("somk.title") }, { label: group.name }]} />
      <div className="app-page-head">
        <div>
          <h1>{group.name} {group.is_example ? <ExampleTag /> : null}</h1>
          <p className="app-meta">{t(`somk.area.${group.area}`)} · {t("somk.ageBand.value", { band: group.age_band })}</p>
        </div>
        {canEdit ? (
          <div className="app-actions">
            <Link to={`/som/viden/${group.id}/rediger`} className="button button-secondary">{t("somk.group.edit")}</Link>
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="version" value={group.version} />
              <button type="submit" className="button button-secondary">{t("somk.group.delete")}</button>
            </Form>
          </div>
        ) : null}
      </div>
      {actionData && "conflict" in actionData ? <ConflictAlert /> : null}
      {anyExample ? <ExampleNotice /> : null}
      <dl className="app-dl">
        <dt>{t("somk.group.successMeasure")}</dt>
        <dd>{group.success_measure}</dd>
        {group.description ? (<><dt>{t("somk.group.description")}</dt><dd className="app-prewrap">{group.description}</dd></>) : null}
      </dl>

      <section className="app-section" aria-labelledby="estimates-heading">
        <h2 id="estimates-heading">{t("somk.estimates.title")}</h2>
        <p>{t("somk.estimates.intro")}</p>
        {canEdit ? <p><Link to={`/som/viden/${group.id}/konsekvenser/ny`}>{t("somk.estimate.create")}</Link></p> : null}
        {estimates.length ? (
          <div className="app-table-wrap">
            <table className="table table--compact" data-testid="estimates">
              <caption className="visually-hidden">{t("somk.estimates.caption", { name: group.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("somk.estimate.label")}</th>
                  <th scope="col">{t("somk.estimate.area")}</th>
                  <th scope="col">{t("somk.estimate.unit")}</th>
                  <th scope="col">{t("somk.estimate.deltasShort", { last: maxYears - 1 })}</th>
                  <th scope="col">{t("somk.payer.kommune")}</th>
                  <th scope="col">{t("somk.payer.region")}</th>
                  <th scope="col">{t("somk.payer.stat")}</th>
                  <th scope="col">{t("somk.estimate.priceYearShort")}</th>
                  <th scope="col">{t("somk.estimate.source")}</th>
                </tr>
              </thead>
              <tbody>
                {estimates.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">
                      {canEdit ? <Link to={`/som/viden/${group.id}/konsekvenser/${e.id}`}>{e.label}</Link> : e.label}{" "}
                      <span className="app-meta">({t(`somk.kind.${e.kind}`)})</span> {e.is_example ? <ExampleTag /> : null}
                    </th>
                    <td>{e.consequence_area}</td>
                    <td>{e.unit}</td>
                    <td>{e.deltas.map((d) => formatMeasure(d, lang, 4)).join("; ")}</td>
                    <td>{formatMeasure(e.price_kommune, lang)}</td>
                    <td>{formatMeasure(e.price_region, lang)}</td>
                    <td>{formatMeasure(e.price_stat, lang)}</td>
                    <td>{e.price_year}</td>
                    <td>{e.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <p>{t("somk.estimates.empty")}</p>}
      </section>

      <section className="app-section" aria-labelledby="studies-heading">
        <h2 id="studies-heading">{t("somk.studies.title")}</h2>
        {canEdit ? <p><Link to={`/som/viden/${group.id}/studier/ny`}>{t("somk.study.create")}</Link></p> : null}
        {studies.length ? (
          <div className="app-table-wrap">
            <table className="table table--compact" data-testid="studies">
              <caption className="visually-hidden">{t("somk.studies.caption", { name: group.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("somk.study.intervention")}</th>
                  <th scope="col">{t("somk.study.rateWith")}</th>
                  <th scope="col">{t("somk.study.rateWithout")}</th>
                  <th scope="col">{t("somk.study.evidenceLevel")}</th>
                  <th scope="col">{t("somk.study.citation")}</th>
                </tr>
              </thead>
              <tbody>
                {studies.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      {canEdit ? <Link to={`/som/viden/${group.id}/studier/${s.id}`}>{s.intervention}</Link> : s.intervention}{" "}
                      {s.is_example ? <ExampleTag /> : null}
                    </th>
                    <td>{formatPercent(s.rate_with, lang, 2, { trim: true })}</td>
                    <td>{formatPercent(s.rate_without, lang, 2, { trim: true })}</td>
                    <td>{t(`evidence.${s.evidence_level}`)}</td>
                    <td>{s.citation}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <p>{t("somk.studies.empty")}</p>}
      </section>

      {can(user, "som.edit") ? (
        <section className="app-section" aria-labelledby="start-heading">
          <h2 id="start-heading">{t("somk.start.title")}</h2>
          <p>{t("somk.start.intro")}</p>
          {anyExample || npiHasExamples ? <p><strong>{t("somk.start.exampleWarning")}</strong></p> : null}
          {!estimates.length || !studies.length ? (
            <p>{t("somk.start.needsEntries")}</p>
          ) : (
            <>
              <ErrorSummary form={startForm} />
              <Form method="post" {...getFormProps(startForm)}>
                <input type="hidden" name="intent" value="start" />
                <SelectField
                  meta={startFields.initiativeId} label={t("somk.field.initiative")} placeholder={t("somk.choose")}
                  options={initiatives.map((i) => ({ value: String(i.id), label: `${i.title} (${t(`phase.${i.phase}`)})` }))}
                />
                <SelectField meta={startFields.phase} label={t("somk.field.phase")} placeholder={t("somk.choose")} hint={t("somk.field.phaseHint")}
                  options={PHASE_PERIODS.map((p) => ({ value: p, label: t(`phase.${p}`) }))} />
                <SelectField meta={startFields.scenario} label={t("somk.field.scenario")}
                  options={SCENARIOS.map((s) => ({ value: s, label: t(`somk.scenario.${s}`) }))} />
                <RadioField
                  meta={startFields.studyId} legend={t("somk.start.study")}
                  options={studies.map((s) => ({
                    value: String(s.id),
                    label: `${s.intervention}: ${formatPercent(s.rate_with, lang, 2, { trim: true })} / ${formatPercent(s.rate_without, lang, 2, { trim: true })}`,
                    hint: `${t(`evidence.${s.evidence_level}`)}${s.is_example ? ` · ${t("somk.example.tag")}` : ""}`,
                  }))}
                />
                <SelectField meta={startFields.priceYear} label={t("somk.start.priceYear")} hint={t("somk.start.priceYearHint")}
                  options={npiYears.map((y) => ({ value: String(y), label: String(y) }))} />
                <TextField meta={startFields.citizens} label={t("somk.start.citizens")} hint={t("somk.start.citizensHint")} className="form-input input-width-xs" />
                <TextField meta={startFields.courseLengthYears} label={t("somk.start.courseLength")} className="form-input input-width-xs" />
                <TextField meta={startFields.title} label={t("somk.start.calcTitle")} />
                <button type="submit" className="button button-primary">{t("somk.start.submit")}</button>
              </Form>
            </>
          )}
        </section>
      ) : null}
    </>
  );
}
