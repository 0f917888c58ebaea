// The content fields of a release draft (new and edit), in the design system's markup and wired to conform.
import type { FieldMetadata } from "@conform-to/react";
import { AUDIENCES, MATURITIES } from "#workflows/release";
import { RadioField, TextareaField, TextField } from "~/components/forms";
import { useT } from "~/utils/i18n";

type Meta = FieldMetadata<any, any, any>;

/** A group of checkboxes sharing one name, as a fieldset with a legend. */
export function CheckboxesField({
  meta, legend, hint, options,
}: { meta: Meta; legend: string; hint?: string; options: { value: string; label: string }[] }) {
  const t = useT();
  const initial = Array.isArray(meta.initialValue) ? (meta.initialValue as string[]) : typeof meta.initialValue === "string" ? [meta.initialValue] : [];
  const errors = meta.errors ?? [];
  const describedBy = [hint ? meta.descriptionId : null, errors.length ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`form-group${errors.length ? " form-error" : ""}`}>
      <fieldset aria-describedby={describedBy} id={meta.id}>
        <legend className="form-label">{legend}</legend>
        {hint ? <span className="form-hint" id={meta.descriptionId}>{hint}</span> : null}
        {errors.length ? (
          <span className="form-error-message" id={meta.errorId}>
            <span className="visually-hidden">{t("form.errorSummary")}: </span>
            {errors.map((e: string) => t(e)).join(" ")}
          </span>
        ) : null}
        <ul className="nobullet-list">
          {options.map((o) => (
            <li key={o.value}>
              <input
                className="form-checkbox" type="checkbox" id={`${meta.id}-${o.value}`} name={meta.name} value={o.value}
                defaultChecked={initial.includes(o.value)}
              />
              <label htmlFor={`${meta.id}-${o.value}`}>{o.label}</label>
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}

export function ReleaseContentFields({ fields }: { fields: Record<"title" | "summary" | "bodyMarkdown" | "audiences" | "area" | "topics" | "maturity", Meta> }) {
  const t = useT();
  return (
    <>
      <TextField meta={fields.title} label={t("releases.field.title")} />
      {/* Summary, audiences and maturity may wait while drafting but are needed to submit, so they carry no "(valgfrit)". */}
      <TextareaField meta={fields.summary} label={t("releases.field.summary")} hint={t("releases.field.summaryHint")} rows={3} />
      <TextareaField meta={fields.bodyMarkdown} label={t("releases.field.bodyMarkdown")} hint={t("releases.field.bodyHint")} rows={18} required={false} />
      <CheckboxesField
        meta={fields.audiences} legend={t("releases.field.audiences")} hint={t("releases.field.audiencesHint")}
        options={AUDIENCES.map((a) => ({ value: a, label: t(`audience.${a}`) }))}
      />
      <RadioField
        meta={fields.area} legend={t("releases.field.area")}
        options={[{ value: "adults", label: t("area.adults") }, { value: "children", label: t("area.children") }]}
      />
      <TextField meta={fields.topics} label={t("releases.field.topics")} hint={t("releases.field.topicsHint")} required={false} />
      <RadioField
        meta={fields.maturity} legend={t("releases.field.maturity")} hint={t("releases.field.maturityHint")}
        options={MATURITIES.map((m) => ({ value: m, label: t(`maturity.${m}`), hint: t(`maturity.${m}.explain`) }))}
      />
    </>
  );
}

/**
 * The steering group's fast-track question on the decision form: release the knowledge gained now?
 * Always answered: "no" is chosen until someone picks "yes".
 */
export function FastTrackField({ meta }: { meta: Meta }) {
  const t = useT();
  const chosen = meta.initialValue === "yes" ? "yes" : "no";
  const errors = meta.errors ?? [];
  const hintId = `${meta.id}-hint`;
  return (
    <div className={`form-group${errors.length ? " form-error" : ""}`}>
      <fieldset aria-describedby={[hintId, errors.length ? meta.errorId : null].filter(Boolean).join(" ")}>
        <legend className="form-label">{t("releases.fastTrack.legend")}</legend>
        <span className="form-hint" id={hintId}>{t("releases.fastTrack.hint")}</span>
        {errors.length ? (
          <span className="form-error-message" id={meta.errorId}>{errors.map((e: string) => t(e)).join(" ")}</span>
        ) : null}
        <ul className="nobullet-list">
          {(["yes", "no"] as const).map((v) => (
            <li key={v}>
              <input className="form-radio" type="radio" id={`${meta.id}-${v}`} name={meta.name} value={v} defaultChecked={chosen === v} />
              <label htmlFor={`${meta.id}-${v}`}>{t(`releases.fastTrack.${v}`)}</label>
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}
