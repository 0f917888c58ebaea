// The confirmation step every irreversible change passes through ("Vil du registrere beslutningen Stop?").
// The server answers the first submit with the form's fields; this posts them again with confirmed=yes.
// No JavaScript needed; with it, focus moves to the question so keyboard and screen-reader users meet it first.
import { Form } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useT } from "~/utils/i18n";

export interface ConfirmStepProps {
  /** Where the form posts (the page's own action, with a fragment to come back to). */
  action?: string;
  fields: [string, string][];
  heading: string;
  /** What will happen, in words: one paragraph per entry. */
  text: string[];
  confirmLabel: string;
  cancelHref: string;
  /** A stop, a withdrawal, a deactivation: the question is styled as a warning. */
  danger?: boolean;
}

export function ConfirmStep({ action, fields, heading, text, confirmLabel, cancelHref, danger = false }: ConfirmStepProps) {
  const t = useT();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className={`alert ${danger ? "alert-error" : "alert-warning"} app-confirm`} aria-labelledby="confirm-heading" data-testid="confirm-step">
      <div className="alert-body">
        <h2 className="alert-heading" id="confirm-heading" tabIndex={-1} ref={ref}>{heading}</h2>
        {text.map((p, i) => <p key={i} className="alert-text">{p}</p>)}
        <Form method="post" action={action} className="app-actions">
          {fields.map(([name, value], i) => <input key={`${name}-${i}`} type="hidden" name={name} value={value} />)}
          <button type="submit" name="confirmed" value="yes" className="button button-primary">{confirmLabel}</button>
          <a href={cancelHref}>{t("confirm.cancel")}</a>
        </Form>
      </div>
    </section>
  );
}
