// The content fields of a release draft (new and edit), in the design system's markup and wired to conform.
import type { FieldMetadata } from "@conform-to/react";
import { AUDIENCES, MATURITIES, RELEASE_AREAS } from "#workflows/release";
import { domId, RadioField, TextareaField, TextField } from "~/components/forms";
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
          {options.map((o, i) => (
            <li key={o.value}>
              <input
                className="form-checkbox" type="checkbox" id={domId(`${meta.id}-${i}`)} name={meta.name} value={o.value}
                defaultChecked={initial.includes(o.value)}
              />
              <label htmlFor={domId(`${meta.id}-${i}`)}>{o.label}</label>
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}

export type ContentFieldName = "title" | "summary" | "bodyMarkdown" | "audiences" | "areas" | "topics" | "newTopics" | "maturity" | "changeNote";

/**
 * The content fields of a draft. Topics are chosen from those in use (checkboxes) or typed new (kept as typed);
 * the change note is offered on later editions (required for a major one). Works without JavaScript.
 */
export function ReleaseContentFields({
  fields, knownTopics, laterEdition,
}: { fields: Record<ContentFieldName, Meta>; knownTopics: string[]; laterEdition: boolean }) {
  const t = useT();
  const chosen = Array.isArray(fields.topics.initialValue) ? (fields.topics.initialValue as string[]) : [];
  // Topics on this draft that the register does not hold yet are offered too, so none is lost on a re-render.
  const options = [...knownTopics, ...chosen.filter((c) => !knownTopics.includes(c))];
  return (
    <>
      <TextField meta={fields.title} label={t("releases.field.title")} />
      {/* Summary, audiences and maturity may wait while drafting but are needed to submit, so they carry no "(valgfrit)". */}
      <TextareaField meta={fields.summary} label={t("releases.field.summary")} hint={t("releases.field.summaryHint")} rows={3} />
      {laterEdition ? (
        <TextareaField meta={fields.changeNote} label={t("releases.field.changeNote")} hint={t("releases.field.changeNoteHint")} rows={3} />
      ) : null}
      <TextareaField meta={fields.bodyMarkdown} label={t("releases.field.bodyMarkdown")} hint={t("releases.field.bodyHint")} rows={18} required={false} />
      <CheckboxesField
        meta={fields.audiences} legend={t("releases.field.audiences")} hint={t("releases.field.audiencesHint")}
        options={AUDIENCES.map((a) => ({ value: a, label: t(`audience.${a}`) }))}
      />
      <CheckboxesField
        meta={fields.areas} legend={t("releases.field.areas")} hint={t("releases.field.areasHint")}
        options={RELEASE_AREAS.map((a) => ({ value: a, label: t(`area.${a}`) }))}
      />
      {options.length ? (
        <CheckboxesField
          meta={fields.topics} legend={t("releases.field.knownTopics")} hint={t("releases.field.knownTopicsHint")}
          options={options.map((o) => ({ value: o, label: o }))}
        />
      ) : null}
      <TextField meta={fields.newTopics} label={t("releases.field.newTopics")} hint={t("releases.field.newTopicsHint")} required={false} />
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
