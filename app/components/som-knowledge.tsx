// Shared pieces of the SØM knowledge and experience pages: the "Eksempeldata" tag and notice, a checkbox
// field for conform.
import type { FieldMetadata } from "@conform-to/react";
import { getInputProps } from "@conform-to/react";
import { useT } from "~/utils/i18n";

/** Shown on every row and page that holds invented example figures. Text, never colour alone. */
export function ExampleTag() {
  const t = useT();
  return <span className="app-badge" data-testid="example-tag">{t("somk.example.tag")}</span>;
}

export function ExampleNotice() {
  const t = useT();
  return (
    <div className="alert alert-warning" role="note" data-testid="example-notice">
      <div className="alert-body">
        <p className="alert-heading">{t("somk.example.heading")}</p>
        <p className="alert-text">{t("somk.example.text")}</p>
      </div>
    </div>
  );
}

export function CheckboxField({ meta, label, hint }: { meta: FieldMetadata<any, any, any>; label: string; hint?: string }) {
  const t = useT();
  const { key, ...props } = getInputProps(meta, { type: "checkbox", ariaAttributes: true });
  const describedBy = [hint ? meta.descriptionId : null, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`form-group${meta.errors?.length ? " form-error" : ""}`}>
      {meta.errors?.length ? (
        <span className="form-error-message" id={meta.errorId}>
          <span className="visually-hidden">{t("form.errorSummary")}: </span>
          {meta.errors.map((e: string) => t(e)).join(" ")}
        </span>
      ) : null}
      <div className="form-group-checkbox">
        <input key={key} {...props} required={undefined} className="form-checkbox" aria-describedby={describedBy} />
        <label htmlFor={meta.id}>{label}</label>
        {hint ? <span className="form-hint" id={meta.descriptionId}>{hint}</span> : null}
      </div>
    </div>
  );
}

// The SØM workbook import page (owned by the SØM work) still imports the kroner formatter from here.
export { formatKroner as formatKr } from "~/i18n/format";
