// The fields an initiative is described by, shared by the create and edit forms.
import type { FieldMetadata } from "@conform-to/react";
import { RadioField, SelectField, TextareaField, TextField } from "~/components/forms";
import { useT } from "~/utils/i18n";

type F = FieldMetadata<any, any, any>;

type Owner = { id: number; name: string };

/** `track` off: the track was fixed by the decision that left screening and is shown, not offered (workflows/initiative.ts).
 * Owner and budgets show when the route passes the program managers to choose from. */
export function InitiativeFields({ fields, track = true, trackValue = null, owners }: {
  fields: Record<"title" | "description" | "area" | "targetGroup" | "agreementYears" | "track" | "trackReason" | "prototypeDescription" | "ownerId" | "budgets", F>;
  track?: boolean;
  trackValue?: 1 | 2 | null;
  owners?: readonly Owner[];
}) {
  const t = useT();
  return (
    <>
      <TextField meta={fields.title} label={t("form.title")} />
      <TextareaField meta={fields.description} label={t("form.description")} required={false} />
      <RadioField meta={fields.area} legend={t("form.area")} options={[
        { value: "adults", label: t("area.adults") },
        { value: "children", label: t("area.children") },
      ]} />
      <TextField meta={fields.targetGroup} label={t("form.targetGroup")} required={false} />
      <TextField meta={fields.agreementYears} label={t("form.agreementYears")} hint={t("form.agreementYearsHint")} />
      {track ? (
        <SelectField meta={fields.track} label={t("form.track")} hint={t("form.trackHint")} required={false} placeholder={t("form.trackNone")}
          options={[{ value: "1", label: t("track.1.long") }, { value: "2", label: t("track.2.long") }]} />
      ) : (
        <div className="form-group">
          <p className="form-label">{t("form.track")}</p>
          <p>{trackValue ? t(`track.${trackValue}.long`) : t("track.none")}</p>
          <p className="form-hint">{t("form.trackFixed")}</p>
        </div>
      )}
      <TextareaField meta={fields.trackReason} label={t("form.trackReason")} required={false} rows={3} />
      <TextareaField meta={fields.prototypeDescription} label={t("form.prototype")} hint={t("form.prototypeHint")} required={false} rows={4} />
      {owners ? (
        <>
          <SelectField meta={fields.ownerId} label={t("form.owner")} hint={t("form.ownerHint")} required={false} placeholder={t("form.ownerNone")}
            options={owners.map((o) => ({ value: String(o.id), label: o.name }))} />
          <TextareaField meta={fields.budgets} label={t("form.budgets")} hint={t("form.budgetsHint")} required={false} rows={3} />
        </>
      ) : null}
    </>
  );
}
