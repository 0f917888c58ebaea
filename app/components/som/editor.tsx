// The SØM calculation editor: a plain form that posts to the server (so it works without JavaScript),
// enhanced by conform with inline errors and by a live recalculation on every keystroke: the form's
// current value goes through the same schema as the server's (somLiveSchema) and into `calculate`, so
// a half-typed number shows its error at the field and the last good result stays on screen, marked.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import type { PhasePeriod } from "#workflows/phase-model";
import { ConflictAlert } from "~/components/forms";
import { translator, type Translate } from "~/i18n";
import {
  MATCHES, NEW_ROWS, SCENARIOS, somFormSchema, somLiveSchema, translateSomWarning,
  type SomFormDefaults, type SomFormValue, type SomRawForm,
} from "~/schemas/som-form";
import { calculate, COST_TYPES, CONSEQUENCE_KINDS, OFFSET_KINDS, PAYERS, SomInputError, type SomInput, type SomResult } from "~/som/engine";
import type { SomSpreads } from "~/som/montecarlo";
import type { SomFieldIssue } from "~/som/schema";
import { useLang, useT } from "~/utils/i18n";
import { CumulativeNetChart } from "./charts";
import { formatKroner } from "~/i18n/format";
import { KeyFigures, ResultDetails } from "./results";
import { UncertaintyPanel } from "./uncertainty";

type Meta = FieldMetadata<any, any, any>;

export type LiveCalculation =
  | { ok: true; input: SomInput; spreads: SomSpreads | null; warnings: SomFieldIssue[]; result: SomResult }
  | { ok: false; errors: number };

/** conform keeps empty inputs as ""; the schema reads a blank field as "not given". */
function blanksToUndefined(value: unknown): unknown {
  if (value === "") return undefined;
  if (Array.isArray(value)) return value.map(blanksToUndefined);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blanksToUndefined(v)]));
  }
  return value;
}

/** The form's current value, judged and calculated. Never throws: half-typed input is simply not a result. */
export function calculateLive(value: unknown, t: Translate): LiveCalculation {
  const parsed = somLiveSchema(t).safeParse(blanksToUndefined(value ?? {}));
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.length };
  try {
    return { ok: true, ...parsed.data, result: calculate(parsed.data.input) };
  } catch (error) {
    if (error instanceof SomInputError) return { ok: false, errors: 1 };
    throw error;
  }
}

const FIELD_LABELS: Record<string, string> = {
  title: "som.field.title", scenario: "som.field.scenario", phase: "som.field.phase", version: "som.field.version",
  horizonYears: "som.field.horizonYears", courseLengthYears: "som.field.courseLengthYears", discountRate: "som.field.discountRatePct",
  "successRate.intervention": "som.field.interventionPct", "successRate.comparison": "som.field.comparisonPct",
  cohorts: "som.section.cohorts", costs: "som.section.costs", consequences: "som.section.consequences",
  startYear: "som.field.startYear", citizens: "som.field.citizens", label: "som.field.label", payer: "som.field.payer",
  type: "som.field.costType", amount: "som.field.amount.any", year: "som.field.year", fromYear: "som.field.fromYear",
  toYear: "som.field.toYear", offsetKind: "som.field.offsetKind", area: "som.field.area", kind: "som.field.kind",
  deltaPerSuccess: "som.field.deltaPerSuccess",
  "checklist.targetGroupMatch": "som.checklist.targetGroupMatch", "checklist.targetGroupNote": "som.checklist.note",
  "checklist.effectMeasureMatch": "som.checklist.effectMeasureMatch", "checklist.effectMeasureNote": "som.checklist.note2",
  "checklist.effectSource": "som.checklist.effectSource", "checklist.priceYear": "som.checklist.priceYear",
  "spreads.successRate": "som.spreads.successRatePct", "spreads.consequenceDeltas": "som.spreads.consequenceDeltasPct",
  "spreads.prices": "som.spreads.pricesPct", "spreads.costs": "som.spreads.costsPct",
};
const ROW_LEGENDS: Record<string, string> = { cohorts: "som.cohort.legend", costs: "som.cost.legend", consequences: "som.consequence.legend" };

/** "costs[1].amount" -> "Omkostning 2, Beløb": what the error summary calls a field. */
export function fieldLabel(name: string, t: Translate): string {
  if (FIELD_LABELS[name]) return t(FIELD_LABELS[name]);
  const row = /^(cohorts|costs|consequences)\[(\d+)\]\.?(.*)$/.exec(name);
  if (!row) return name;
  const legend = t(ROW_LEGENDS[row[1]], { n: Number(row[2]) + 1 });
  const price = /^prices\.(kommune|region|stat)$/.exec(row[3]);
  const field = price ? t("som.field.priceFor", { payer: t(`som.payer.${price[1]}`) }) : row[3] ? t(FIELD_LABELS[row[3]] ?? row[3]) : "";
  return field ? `${legend}, ${field}` : legend;
}

function describedBy(meta: Meta, hint?: string) {
  return [hint ? meta.descriptionId : null, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
}

function FieldError({ meta }: { meta: Meta }) {
  const t = useT();
  if (!meta.errors?.length) return null;
  return (
    <span className="form-error-message" id={meta.errorId}>
      <span className="visually-hidden">{t("form.errorSummary")}: </span>
      {meta.errors.map((e: string) => t(e)).join(" ")}
    </span>
  );
}

function Field({
  meta, label, hint, inputMode, optional, className = "",
}: { meta: Meta; label: string; hint?: string; inputMode?: "decimal" | "numeric" | "text"; optional?: boolean; className?: string }) {
  const t = useT();
  const { key, ...props } = getInputProps(meta, { type: "text", ariaAttributes: true });
  return (
    <div className={`form-group som-field ${className}${meta.errors?.length ? " form-error" : ""}`}>
      <label className="form-label" htmlFor={meta.id}>
        {label}
        {optional ? <span className="weight-normal"> ({t("form.optional")})</span> : null}
      </label>
      {hint ? <span className="form-hint" id={meta.descriptionId}>{hint}</span> : null}
      <FieldError meta={meta} />
      <input
        key={key} {...props} required={undefined} className="form-input" inputMode={inputMode} autoComplete="off"
        aria-describedby={describedBy(meta, hint)}
      />
    </div>
  );
}

function Select({ meta, label, options, hint }: { meta: Meta; label: string; options: { value: string; label: string }[]; hint?: string }) {
  const { key, ...props } = getSelectProps(meta, { ariaAttributes: true });
  return (
    <div className={`form-group som-field${meta.errors?.length ? " form-error" : ""}`}>
      <label className="form-label" htmlFor={meta.id}>{label}</label>
      {hint ? <span className="form-hint" id={meta.descriptionId}>{hint}</span> : null}
      <FieldError meta={meta} />
      <select key={key} {...props} required={undefined} className="form-select" aria-describedby={describedBy(meta, hint)}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

function TextArea({ meta, label, hint, optional }: { meta: Meta; label: string; hint?: string; optional?: boolean }) {
  const t = useT();
  const { key, ...props } = getTextareaProps(meta, { ariaAttributes: true });
  return (
    <div className={`form-group${meta.errors?.length ? " form-error" : ""}`}>
      <label className="form-label" htmlFor={meta.id}>
        {label}
        {optional ? <span className="weight-normal"> ({t("form.optional")})</span> : null}
      </label>
      {hint ? <span className="form-hint" id={meta.descriptionId}>{hint}</span> : null}
      <FieldError meta={meta} />
      <textarea key={key} {...props} required={undefined} rows={3} className="form-input" aria-describedby={describedBy(meta, hint)} />
    </div>
  );
}

/** yes / partly / no as a radio group. */
function MatchRadios({ meta, legend, hint }: { meta: Meta; legend: string; hint: string }) {
  const t = useT();
  const current = typeof meta.value === "string" ? meta.value : typeof meta.initialValue === "string" ? meta.initialValue : undefined;
  return (
    <div className={`form-group${meta.errors?.length ? " form-error" : ""}`}>
      <fieldset aria-describedby={describedBy(meta, hint)}>
        <legend className="form-label">{legend}</legend>
        <span className="form-hint" id={meta.descriptionId}>{hint}</span>
        <FieldError meta={meta} />
        <ul className="nobullet-list som-radios">
          {MATCHES.map((m) => (
            <li key={m}>
              <input
                className="form-radio" type="radio" id={`${meta.id}-${m}`} name={meta.name} value={m}
                defaultChecked={current === m} aria-invalid={meta.errors?.length ? true : undefined}
              />
              <label htmlFor={`${meta.id}-${m}`}>{t(`som.match.${m}`)}</label>
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}

/** Moves focus to the first field of a row the user just added (keyboard users stay where the work is). */
function useFocusNewRow(ids: string[]) {
  const previous = useRef(ids.length);
  useEffect(() => {
    if (ids.length > previous.current) document.getElementById(ids[ids.length - 1])?.focus();
    previous.current = ids.length;
  }, [ids]);
}

export interface SomEditorProps {
  mode: "create" | "edit";
  defaultValue: SomFormDefaults;
  lastResult?: SubmissionResult<string[]> | null;
  phases?: readonly PhasePeriod[];
  conflict?: boolean;
  submitLabel: string;
}

export function SomEditor({ mode, defaultValue, lastResult, phases, conflict, submitLabel }: SomEditorProps) {
  const t = useT();
  const lang = useLang();
  const navigation = useNavigation();
  const schema = useMemo(() => somFormSchema(translator(lang), mode), [lang, mode]);
  const [form, fields] = useForm<SomRawForm, SomFormValue>({
    id: "som-editor",
    lastResult: lastResult ?? undefined,
    defaultValue: defaultValue as any,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    // On input, not on blur: a field shows its error once typed in, and leaving an untouched new row (to
    // press its "remove" button) must not push that button away under the pointer with a fresh error.
    shouldValidate: "onInput",
  });
  // Before hydration every cost field is shown (a form without JavaScript cannot react to the type).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const live = useMemo(() => calculateLive(form.value, translator(lang)), [form.value, lang]);
  const lastGood = useRef<Extract<LiveCalculation, { ok: true }> | null>(null);
  if (live.ok) lastGood.current = live;
  const shown = live.ok ? live : lastGood.current;

  const cohorts = fields.cohorts.getFieldList();
  const costs = fields.costs.getFieldList();
  const consequences = fields.consequences.getFieldList();
  useFocusNewRow(cohorts.map((r) => r.getFieldset().startYear.id));
  useFocusNewRow(costs.map((r) => r.getFieldset().label.id));
  useFocusNewRow(consequences.map((r) => r.getFieldset().label.id));

  const success = fields.successRate.getFieldset();
  const checklist = fields.checklist.getFieldset();
  const spreads = fields.spreads.getFieldset();
  const payerOptions = PAYERS.map((p) => ({ value: p, label: t(`som.payer.${p}`) }));
  const formErrorCount = Object.values(form.allErrors).filter((e) => e?.length).length;

  return (
    <>
    <div className="som-editor-layout">
      <div className="som-editor-form">
        {/* On a narrow screen the live result sits below the form: a sticky summary links to it. */}
        <p className="som-jump" data-testid="som-jump">
          <a href="#som-live-title">
            <span>{t("som.jump.toResult")}</span>
            {shown ? (
              <strong>
                {t("som.jump.net", { net: formatKroner(shown.result.summary.net, lang) })}
                {shown.input.costs.length === 0 ? ` (${t("som.jump.noCosts")})` : ""}
              </strong>
            ) : null}
          </a>
        </p>
        {conflict ? <ConflictAlert /> : null}
        {(form.status === "error" || lastResult?.status === "error") && formErrorCount > 0 ? (
          <div className="alert alert-error" role="alert" tabIndex={-1} aria-labelledby="som-error-summary">
            <div className="alert-body">
              <p className="alert-heading" id="som-error-summary">{t("form.errorSummary")}</p>
              <ul className="alert-text">
                {Object.entries(form.allErrors).filter(([, e]) => e?.length).map(([name, e]) => (
                  <li key={name}><a href={`#${form.id}-${name}`}>{t("som.error.at", { field: fieldLabel(name, t), message: e.join(" ") })}</a></li>
                ))}
              </ul>
            </div>
          </div>
        ) : null}
        <Form method="post" {...getFormProps(form)} className="som-form">
          {mode === "edit" ? <input type="hidden" name="version" value={defaultValue.version} /> : null}

          <fieldset className="som-fieldset">
            <legend className="h3">{t("som.section.about")}</legend>
            <Field meta={fields.title} label={t("som.field.title")} hint={t("som.field.titleHint")} />
            <div className="som-row">
              <Select meta={fields.scenario} label={t("som.field.scenario")} options={SCENARIOS.map((s) => ({ value: s, label: t(`som.scenario.${s}`) }))} />
              {mode === "create" && phases ? (
                <Select meta={fields.phase} label={t("som.field.phase")} hint={t("som.field.phaseHint")} options={phases.map((p) => ({ value: p, label: t(`phase.${p}`) }))} />
              ) : null}
            </div>
          </fieldset>

          <fieldset className="som-fieldset">
            <legend className="h3">{t("som.section.course")}</legend>
            <div className="som-row">
              <Field meta={fields.horizonYears} label={t("som.field.horizonYears")} hint={t("som.field.horizonHint")} inputMode="numeric" />
              <Field meta={fields.courseLengthYears} label={t("som.field.courseLengthYears")} hint={t("som.field.courseLengthHint")} inputMode="numeric" />
              <Field meta={fields.discountRate} label={t("som.field.discountRatePct")} hint={t("som.field.discountRateHint")} inputMode="decimal" />
            </div>
            <div className="som-row">
              <Field meta={success.intervention} label={t("som.field.interventionPct")} hint={t("som.field.interventionHint")} inputMode="decimal" />
              <Field meta={success.comparison} label={t("som.field.comparisonPct")} hint={t("som.field.comparisonHint")} inputMode="decimal" />
            </div>
          </fieldset>

          <fieldset className="som-fieldset">
            <legend className="h3">{t("som.section.cohorts")}</legend>
            <p className="form-hint">{t("som.section.cohortsHint")}</p>
            <FieldError meta={fields.cohorts} />
            {cohorts.map((row, index) => {
              const f = row.getFieldset();
              const n = index + 1;
              return (
                <fieldset key={row.key} className="som-rowcard">
                  <legend className="form-label">{t("som.cohort.legend", { n })}</legend>
                  <div className="som-row">
                    <Field meta={f.startYear} label={t("som.field.startYear")} inputMode="numeric" />
                    <Field meta={f.citizens} label={t("som.field.citizens")} inputMode="decimal" />
                    {cohorts.length > 1 ? (
                      <div className="som-row__action">
                        <button className="button button-tertiary" {...form.remove.getButtonProps({ name: fields.cohorts.name, index })}>
                          {t("som.cohort.remove", { n })}
                        </button>
                      </div>
                    ) : null}
                  </div>
                </fieldset>
              );
            })}
            <button className="button button-secondary" {...form.insert.getButtonProps({ name: fields.cohorts.name, defaultValue: NEW_ROWS.cohort })}>
              {t("som.cohort.add")}
            </button>
          </fieldset>

          <fieldset className="som-fieldset">
            <legend className="h3">{t("som.section.costs")}</legend>
            <p className="form-hint">{t("som.section.costsHint")}</p>
            {costs.map((row, index) => {
              const f = row.getFieldset();
              const n = index + 1;
              const type = (typeof f.type.value === "string" ? f.type.value : undefined) ?? "oneOff";
              const show = (which: "oneOff" | "annual") => !hydrated || type === which;
              return (
                <fieldset key={row.key} className="som-rowcard">
                  <legend className="form-label">{t("som.cost.legend", { n })}</legend>
                  <div className="som-row">
                    <Field meta={f.label} label={t("som.field.label")} className="som-field--wide" />
                    <Select meta={f.payer} label={t("som.field.payer")} options={payerOptions} />
                    <Select meta={f.type} label={t("som.field.costType")} options={COST_TYPES.map((c) => ({ value: c, label: t(`som.costType.${c}`) }))} />
                  </div>
                  <div className="som-row">
                    <Field meta={f.amount} label={t(`som.field.amount.${hydrated ? type : "any"}`)} hint={t("som.field.amountHint")} inputMode="decimal" />
                    {show("oneOff") ? <Field meta={f.year} label={t("som.field.year")} hint={hydrated ? undefined : t("som.field.onlyOneOff")} inputMode="numeric" /> : null}
                    {show("annual") ? (
                      <>
                        <Field meta={f.fromYear} label={t("som.field.fromYear")} hint={hydrated ? undefined : t("som.field.onlyAnnual")} inputMode="numeric" />
                        <Field meta={f.toYear} label={t("som.field.toYear")} hint={hydrated ? undefined : t("som.field.onlyAnnual")} inputMode="numeric" />
                      </>
                    ) : null}
                    <Select
                      meta={f.offsetKind} label={t("som.field.offsetKind")} hint={t("som.field.offsetHint")}
                      options={[{ value: "", label: t("som.offset.none") }, ...OFFSET_KINDS.map((o) => ({ value: o, label: t(`som.offset.${o}`) }))]}
                    />
                  </div>
                  <button className="button button-tertiary" {...form.remove.getButtonProps({ name: fields.costs.name, index })}>
                    {t("som.cost.remove", { n })}
                  </button>
                </fieldset>
              );
            })}
            <button className="button button-secondary" {...form.insert.getButtonProps({ name: fields.costs.name, defaultValue: NEW_ROWS.cost })}>
              {t("som.cost.add")}
            </button>
          </fieldset>

          <fieldset className="som-fieldset">
            <legend className="h3">{t("som.section.consequences")}</legend>
            <p className="form-hint">{t("som.section.consequencesHint")}</p>
            {consequences.map((row, index) => {
              const f = row.getFieldset();
              const prices = f.prices.getFieldset();
              const n = index + 1;
              return (
                <fieldset key={row.key} className="som-rowcard">
                  <legend className="form-label">{t("som.consequence.legend", { n })}</legend>
                  <div className="som-row">
                    <Field meta={f.label} label={t("som.field.label")} className="som-field--wide" />
                    <Field meta={f.area} label={t("som.field.area")} hint={t("som.field.areaHint")} className="som-field--wide" />
                    <Select meta={f.kind} label={t("som.field.kind")} options={CONSEQUENCE_KINDS.map((k) => ({ value: k, label: t(`som.kind.${k}`) }))} />
                  </div>
                  <Field meta={f.deltaPerSuccess} label={t("som.field.deltaPerSuccess")} hint={t("som.field.deltaHint")} className="som-field--full" />
                  <fieldset className="som-row som-prices">
                    <legend className="form-label">{t("som.field.pricesLegend", { n })}</legend>
                    <span className="form-hint som-field--full">{t("som.field.pricesHint")}</span>
                    {PAYERS.map((p) => (
                      <Field key={p} meta={prices[p]} label={t("som.field.priceFor", { payer: t(`som.payer.${p}`) })} inputMode="decimal" />
                    ))}
                  </fieldset>
                  <button className="button button-tertiary" {...form.remove.getButtonProps({ name: fields.consequences.name, index })}>
                    {t("som.consequence.remove", { n })}
                  </button>
                </fieldset>
              );
            })}
            <button className="button button-secondary" {...form.insert.getButtonProps({ name: fields.consequences.name, defaultValue: NEW_ROWS.consequence })}>
              {t("som.consequence.add")}
            </button>
          </fieldset>

          <fieldset className="som-fieldset">
            <legend className="h3">{t("som.section.spreads")}</legend>
            <p className="form-hint">{t("som.section.spreadsHint")}</p>
            <div className="som-row">
              <Field meta={spreads.successRate} label={t("som.spreads.successRatePct")} inputMode="decimal" optional />
              <Field meta={spreads.consequenceDeltas} label={t("som.spreads.consequenceDeltasPct")} inputMode="decimal" optional />
              <Field meta={spreads.prices} label={t("som.spreads.pricesPct")} inputMode="decimal" optional />
              <Field meta={spreads.costs} label={t("som.spreads.costsPct")} inputMode="decimal" optional />
            </div>
          </fieldset>

          <fieldset className="som-fieldset">
            <legend className="h3">{t("som.section.checklist")}</legend>
            <p className="form-hint">{t("som.section.checklistHint")}</p>
            <MatchRadios meta={checklist.targetGroupMatch} legend={t("som.checklist.targetGroupMatch")} hint={t("som.checklist.targetGroupHint")} />
            <TextArea meta={checklist.targetGroupNote} label={t("som.checklist.note")} optional />
            <MatchRadios meta={checklist.effectMeasureMatch} legend={t("som.checklist.effectMeasureMatch")} hint={t("som.checklist.effectMeasureHint")} />
            <TextArea meta={checklist.effectMeasureNote} label={t("som.checklist.note2")} optional />
            <TextArea meta={checklist.effectSource} label={t("som.checklist.effectSource")} hint={t("som.checklist.effectSourceHint")} />
            <Field meta={checklist.priceYear} label={t("som.checklist.priceYear")} hint={t("som.checklist.priceYearHint")} inputMode="numeric" />
          </fieldset>

          <div className="app-actions">
            <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>{submitLabel}</button>
          </div>
        </Form>
      </div>

      <aside className="som-live" aria-labelledby="som-live-title">
        <h2 id="som-live-title">{t("som.live.title")}</h2>
        <p className="app-meta">{t("som.live.hint")}</p>
        <LiveStatus live={live} />
        {!live.ok ? (
          <p className="som-live__stale" data-testid="som-live-invalid">
            {shown ? t("som.live.staleResult", { n: live.errors }) : t("som.live.noResult", { n: live.errors })}
          </p>
        ) : null}
        {live.ok && live.warnings.length ? (
          <ul className="som-warnings">{live.warnings.map((w) => <li key={w.path}>{translateSomWarning(t, w)}</li>)}</ul>
        ) : null}
        {shown ? (
          <div className={live.ok ? undefined : "som-live--stale"}>
            <KeyFigures input={shown.input} result={shown.result} compact />
            <CumulativeNetChart result={shown.result} width={440} height={300} />
          </div>
        ) : null}
      </aside>
    </div>

      <div className="som-editor-details">
        {shown ? (
          <section className="app-section" aria-labelledby="som-details">
            <h2 id="som-details">{t("som.result.title")}</h2>
            {live.ok ? null : <p className="som-live__stale">{t("som.live.staleDetails")}</p>}
            <div className={live.ok ? undefined : "som-live--stale"}>
              <KeyFigures input={shown.input} result={shown.result} />
              <ResultDetails input={shown.input} result={shown.result} />
            </div>
          </section>
        ) : null}
        <UncertaintyPanel input={live.ok ? live.input : null} spreads={live.ok ? live.spreads : null} />
      </div>
    </>
  );
}

/** A calm announcement for screen readers: the net result, a moment after typing stops. */
function LiveStatus({ live }: { live: LiveCalculation }) {
  const t = useT();
  const lang = useLang();
  const [message, setMessage] = useState("");
  const text = live.ok ? t("som.live.announce", { net: formatKroner(live.result.summary.net, lang) }) : "";
  useEffect(() => {
    const timer = setTimeout(() => setMessage(text), 1200);
    return () => clearTimeout(timer);
  }, [text]);
  return <p className="visually-hidden" aria-live="polite">{message}</p>;
}
