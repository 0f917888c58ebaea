// Form fields in the design system's markup, wired to conform: label, hint, translated error, aria links.
import type { FieldMetadata, FormMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { useEffect, useState } from "react";
import { useT } from "~/utils/i18n";

type Meta = FieldMetadata<any, any, any>;

/**
 * The DOM id for a conform id: a list field's id ("form-own-criteria[0].judgement") keeps only letters,
 * digits, "-" and "_", so label[for], aria references and the summary's #links need no escaping anywhere.
 */
export function domId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, "-");
}

function ErrorText({ meta }: { meta: Meta }) {
  const t = useT();
  if (!meta.errors?.length) return null;
  return (
    <span className="form-error-message" id={domId(meta.errorId)}>
      <span className="sr-only visually-hidden">{t("form.errorSummary")}: </span>
      {meta.errors.map((e: string) => t(e)).join(" ")}
    </span>
  );
}

function Group({ meta, children }: { meta: Meta; children: React.ReactNode }) {
  return <div className={`form-group${meta.errors?.length ? " form-error" : ""}`}>{children}</div>;
}

function describedBy(meta: Meta, hint?: string) {
  return [hint ? domId(meta.descriptionId) : null, meta.errors?.length ? domId(meta.errorId) : null].filter(Boolean).join(" ") || undefined;
}

function Label({ meta, label, required }: { meta: Meta; label: string; required?: boolean }) {
  const t = useT();
  return (
    <label className="form-label" htmlFor={domId(meta.id)}>
      {label}
      {required ? null : <span className="weight-normal"> ({t("form.optional")})</span>}
    </label>
  );
}

export function TextField({
  meta, label, hint, type = "text", required = true, autoComplete, className = "form-input",
}: { meta: Meta; label: string; hint?: string; type?: "text" | "email" | "password" | "date" | "number"; required?: boolean; autoComplete?: string; className?: string }) {
  const { key, ...props } = getInputProps(meta, { type, ariaAttributes: true });
  return (
    <Group meta={meta}>
      <Label meta={meta} label={label} required={required} />
      {hint ? <span className="form-hint" id={domId(meta.descriptionId)}>{hint}</span> : null}
      <ErrorText meta={meta} />
      <input key={key} {...props} id={domId(meta.id)} required={undefined} className={className} autoComplete={autoComplete} aria-describedby={describedBy(meta, hint)} />
    </Group>
  );
}

export function TextareaField({ meta, label, hint, required = true, rows = 5 }: { meta: Meta; label: string; hint?: string; required?: boolean; rows?: number }) {
  const { key, ...props } = getTextareaProps(meta, { ariaAttributes: true });
  return (
    <Group meta={meta}>
      <Label meta={meta} label={label} required={required} />
      {hint ? <span className="form-hint" id={domId(meta.descriptionId)}>{hint}</span> : null}
      <ErrorText meta={meta} />
      <textarea key={key} {...props} id={domId(meta.id)} required={undefined} rows={rows} className="form-input" aria-describedby={describedBy(meta, hint)} />
    </Group>
  );
}

export function SelectField({
  meta, label, hint, options, required = true, placeholder,
}: { meta: Meta; label: string; hint?: string; options: { value: string; label: string }[]; required?: boolean; placeholder?: string }) {
  const { key, ...props } = getSelectProps(meta, { ariaAttributes: true });
  return (
    <Group meta={meta}>
      <Label meta={meta} label={label} required={required} />
      {hint ? <span className="form-hint" id={domId(meta.descriptionId)}>{hint}</span> : null}
      <ErrorText meta={meta} />
      <select key={key} {...props} id={domId(meta.id)} required={undefined} className="form-select" aria-describedby={describedBy(meta, hint)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </Group>
  );
}

// The first radio carries the field's own id, so the error summary's link (#id) lands on the group.
function radioId(fieldId: string, value: string, index: number) {
  return index === 0 ? fieldId : `${fieldId}-${value}`;
}

/** A radio group as a fieldset with a legend. */
export function RadioField({
  meta, legend, hint, options, required = true,
}: { meta: Meta; legend: string; hint?: string; options: { value: string; label: string; hint?: string }[]; required?: boolean }) {
  const t = useT();
  const initial = typeof meta.initialValue === "string" ? meta.initialValue : undefined;
  return (
    <Group meta={meta}>
      <fieldset aria-describedby={describedBy(meta, hint)}>
        <legend className="form-label">
          {legend}
          {required ? null : <span className="weight-normal"> ({t("form.optional")})</span>}
        </legend>
        {hint ? <span className="form-hint" id={domId(meta.descriptionId)}>{hint}</span> : null}
        <ErrorText meta={meta} />
        <ul className="nobullet-list">
          {options.map((o, index) => (
            <li key={o.value}>
              <input
                className="form-radio" type="radio" id={radioId(domId(meta.id), o.value, index)} name={meta.name} value={o.value}
                defaultChecked={initial === o.value} aria-invalid={meta.errors?.length ? true : undefined}
              />
              <label htmlFor={radioId(domId(meta.id), o.value, index)}>{o.label}</label>
              {o.hint ? <span className="form-hint">{o.hint}</span> : null}
            </li>
          ))}
        </ul>
      </fieldset>
    </Group>
  );
}

/** A file input; its hint (what file, how large) is required. */
export function FileField({ meta, label, hint, accept }: { meta: Meta; label: string; hint: string; accept: string }) {
  const t = useT();
  const { key, ...props } = getInputProps(meta, { type: "file", ariaAttributes: true });
  const hasError = !!meta.errors?.length;
  return (
    <div className={`form-group${hasError ? " form-error" : ""}`}>
      <label className="form-label" htmlFor={domId(meta.id)}>{label}</label>
      <span className="form-hint" id={domId(meta.descriptionId)}>{hint}</span>
      {hasError ? (
        <span className="form-error-message" id={domId(meta.errorId)}>
          <span className="visually-hidden">{t("form.errorSummary")}: </span>
          {meta.errors!.map((e: string) => t(e)).join(" ")}
        </span>
      ) : null}
      <input
        key={key} {...props} id={domId(meta.id)} required={undefined} className="form-file-input" accept={accept}
        aria-describedby={[domId(meta.descriptionId), hasError ? domId(meta.errorId) : null].filter(Boolean).join(" ")}
      />
    </div>
  );
}

/** A field for the error summary: its conform metadata and the label the summary names it by. */
export type SummaryField = Meta | [Meta, string];

/**
 * The form-level error summary (DKFDS pattern): lists every error of the form (conform's allErrors, so no
 * field can be forgotten) and links each to its field, naming the field ("Dokumentation for 'Indsatsen er
 * efterspurgt': skal udfyldes"). `fields` sets the order and, as `[meta, label]`, the name each error is
 * given; errors of fields not listed follow, named by the label of their field on the page when it has one.
 */
export function ErrorSummary({ form, fields = [] }: { form: FormMetadata<any, any>; fields?: SummaryField[] }) {
  const t = useT();
  const found = useFoundLabels(form);
  const all = (form.allErrors ?? {}) as Record<string, string[] | undefined>;
  const formErrors = all[""] ?? [];
  const listed = fields.map((f) => (Array.isArray(f) ? { meta: f[0], label: f[1] } : { meta: f, label: undefined as string | undefined }));
  const byName = new Map(listed.map((f) => [f.meta.name, f]));
  const ordered = [...listed.map((f) => f.meta.name), ...Object.keys(all)].filter((name, i, names) => name !== "" && names.indexOf(name) === i);
  const fieldErrors = ordered.filter((name) => all[name]?.length);
  if (!fieldErrors.length && !formErrors.length) return null;
  return (
    <div className="alert alert-error" role="alert" aria-labelledby={`${form.id}-summary`} tabIndex={-1}>
      <div className="alert-body">
        <p className="alert-heading" id={`${form.id}-summary`}>{t("form.errorSummary")}</p>
        <ul className="alert-text">
          {formErrors.map((e: string) => <li key={e}>{t(e)}</li>)}
          {fieldErrors.map((name) => {
            const field = byName.get(name);
            const message = all[name]!.map((e: string) => t(e)).join(" ");
            const label = field?.label ?? found[name];
            return (
              <li key={name}>
                <a href={`#${domId(field?.meta.id ?? `${form.id}-${name}`)}`}>
                  {label ? t("form.errorFor", { field: label, message: lowerFirst(message) }) : message}
                </a>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

/**
 * The labels of erroneous fields a page did not name in `fields`, read from the page once it runs in the
 * browser (the field's <label for> or its group's legend, without "(valgfrit)"): with JavaScript every
 * summary entry is named even where the page passed only conform's metadata. Pages name their fields
 * explicitly so that it holds without JavaScript too.
 */
function useFoundLabels(form: FormMetadata<any, any>): Record<string, string> {
  const [found, setFound] = useState<Record<string, string>>({});
  const errors = JSON.stringify(Object.keys(form.allErrors ?? {}));
  useEffect(() => {
    const next: Record<string, string> = {};
    for (const name of JSON.parse(errors) as string[]) {
      if (!name) continue;
      const field = document.querySelector<HTMLInputElement>(`#${CSS.escape(form.id)} [name="${CSS.escape(name)}"]`);
      if (!field) continue;
      const choice = field.type === "radio" || field.type === "checkbox";
      const legend = field.closest("fieldset")?.querySelector<HTMLElement>("legend") ?? null;
      const label = choice ? legend : (field.id ? document.querySelector<HTMLElement>(`label[for="${CSS.escape(field.id)}"]`) : null) ?? legend;
      const text = label ? labelText(label) : "";
      if (text) next[name] = text;
    }
    setFound((old) => (JSON.stringify(old) === JSON.stringify(next) ? old : next));
  }, [errors, form.id]);
  return found;
}

/** A label's own words: its text without the "(valgfrit)" marker and hidden helper text. */
function labelText(label: HTMLElement): string {
  const copy = label.cloneNode(true) as HTMLElement;
  copy.querySelectorAll(".weight-normal, .visually-hidden, .sr-only").forEach((n) => n.remove());
  return copy.textContent?.trim() ?? "";
}

/** "Skal udfyldes." → "skal udfyldes" after "Felt: ". */
function lowerFirst(message: string): string {
  const m = message.replace(/\.$/, "");
  return m.charAt(0).toLocaleLowerCase() + m.slice(1);
}

/**
 * Whether an action's answer is the 409 for a stale form (see conflictResponse in app/utils/http.server.ts),
 * and, with `match`, one for this form (e.g. `{ intent: "judge", criterionId }`).
 */
export function isConflict(answer: unknown, match?: Record<string, unknown>): boolean {
  if (!answer || typeof answer !== "object" || (answer as { conflict?: unknown }).conflict !== true) return false;
  return !match || Object.entries(match).every(([k, v]) => (answer as Record<string, unknown>)[k] === v);
}

/**
 * The 409 answer to a stale form. Given the action's answer, it shows only when that answer is a conflict
 * (for this form, with `match`); without one it always shows.
 */
export function ConflictAlert(props: { answer?: unknown; match?: Record<string, unknown> }) {
  const t = useT();
  // `answer={undefined}` (no action yet) hides the alert; leaving the prop out shows it.
  if ("answer" in props && !isConflict(props.answer, props.match)) return null;
  return (
    <div className="alert alert-error" role="alert">
      <div className="alert-body">
        <p className="alert-heading">{t("error.conflict")}</p>
        <p className="alert-text"><a href="">{t("error.reload")}</a></p>
      </div>
    </div>
  );
}
