// The fields of the knowledge database's forms (target group, consequence estimate, effect study), shared
// by the create and edit pages so both show the same labels, hints and errors.
import type { FieldMetadata } from "@conform-to/react";
import { RadioField, SelectField, TextareaField, TextField } from "~/components/forms";
import { CheckboxField } from "~/components/som-knowledge";
import { SOM_AGE_BANDS, SOM_KNOWLEDGE_AREAS } from "~/schemas/som-knowledge";
import { useT } from "~/utils/i18n";

type Fields = Record<string, FieldMetadata<any, any, any>>;

export function TargetGroupFields({ fields }: { fields: Fields }) {
  const t = useT();
  return (
    <>
      <TextField meta={fields.name} label={t("somk.group.name")} />
      <SelectField meta={fields.area} label={t("somk.group.area")} options={SOM_KNOWLEDGE_AREAS.map((a) => ({ value: a, label: t(`somk.area.${a}`) }))} placeholder={t("somk.choose")} />
      <SelectField meta={fields.ageBand} label={t("somk.group.ageBand")} options={SOM_AGE_BANDS.map((b) => ({ value: b, label: t("somk.ageBand.value", { band: b }) }))} placeholder={t("somk.choose")} />
      <TextareaField meta={fields.successMeasure} label={t("somk.group.successMeasure")} hint={t("somk.group.successMeasureHint")} rows={3} />
      <TextareaField meta={fields.description} label={t("somk.group.description")} required={false} rows={3} />
      <CheckboxField meta={fields.isExample} label={t("somk.field.isExample")} hint={t("somk.field.isExampleHint")} />
    </>
  );
}

export function ConsequenceEstimateFields({ fields }: { fields: Fields }) {
  const t = useT();
  return (
    <>
      <TextField meta={fields.label} label={t("somk.estimate.label")} />
      <TextField meta={fields.consequenceArea} label={t("somk.estimate.area")} hint={t("somk.estimate.areaHint")} />
      <RadioField
        meta={fields.kind} legend={t("somk.estimate.kind")}
        options={[
          { value: "expenditure", label: t("somk.kind.expenditure"), hint: t("somk.kind.expenditureHint") },
          { value: "revenue", label: t("somk.kind.revenue"), hint: t("somk.kind.revenueHint") },
        ]}
      />
      <TextField meta={fields.unit} label={t("somk.estimate.unit")} hint={t("somk.estimate.unitHint")} />
      <TextField meta={fields.deltas} label={t("somk.estimate.deltas")} hint={t("somk.estimate.deltasHint")} />
      <fieldset className="form-group">
        <legend className="form-label">{t("somk.estimate.prices")}</legend>
        <span className="form-hint">{t("somk.estimate.pricesHint")}</span>
        <TextField meta={fields.priceKommune} label={t("somk.payer.kommune")} className="form-input input-width-s" />
        <TextField meta={fields.priceRegion} label={t("somk.payer.region")} className="form-input input-width-s" />
        <TextField meta={fields.priceStat} label={t("somk.payer.stat")} className="form-input input-width-s" />
      </fieldset>
      <TextField meta={fields.priceYear} label={t("somk.estimate.priceYear")} className="form-input input-width-xs" />
      <TextareaField meta={fields.source} label={t("somk.estimate.source")} required={false} rows={2} />
      <CheckboxField meta={fields.isExample} label={t("somk.field.isExample")} hint={t("somk.field.isExampleHint")} />
    </>
  );
}

export function EffectStudyFields({ fields }: { fields: Fields }) {
  const t = useT();
  return (
    <>
      <TextField meta={fields.intervention} label={t("somk.study.intervention")} />
      <TextField meta={fields.rateWith} label={t("somk.study.rateWith")} hint={t("somk.study.rateHint")} className="form-input input-width-xs" />
      <TextField meta={fields.rateWithout} label={t("somk.study.rateWithout")} hint={t("somk.study.rateHint")} className="form-input input-width-xs" />
      <RadioField
        meta={fields.evidenceLevel} legend={t("somk.study.evidenceLevel")}
        options={["1", "2", "3"].map((l) => ({ value: l, label: t(`evidence.${l}`) }))}
      />
      <TextareaField meta={fields.citation} label={t("somk.study.citation")} rows={3} />
      <CheckboxField meta={fields.isExample} label={t("somk.field.isExample")} hint={t("somk.field.isExampleHint")} />
    </>
  );
}
