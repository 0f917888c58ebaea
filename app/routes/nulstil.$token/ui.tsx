// The page behind a one-time password link: the form for the new password (twice), or, for a link that no
// longer works, why, and what to do (ask an administrator for a new one).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/forms";
import { MIN_PASSWORD_LENGTH, ResetPasswordSchema } from "~/schemas/admin";
import { useT } from "~/utils/i18n";
import type { LinkState } from "./reset.server";
import type { action, loader } from "./route";

export function ResetPage() {
  const loaded = useLoaderData<typeof loader>() as LinkState;
  const actionData = useActionData<typeof action>() as LinkState | SubmissionResult<string[]> | undefined;
  const refusal = actionData && "state" in actionData ? (actionData as LinkState) : null;
  const state = refusal ?? loaded;
  const t = useT();
  return (
    <div className="row">
      <div className="col-12 col-md-8 col-lg-6">
        <h1>{t("reset.title")}</h1>
        {state.state === "ok" ? (
          <ResetForm name={state.name} email={state.email} lastResult={refusal ? undefined : (actionData as SubmissionResult<string[]> | undefined)} />
        ) : (
          <div className="alert alert-error" role="alert">
            <div className="alert-body">
              <p className="alert-heading">{t("reset.invalid.heading")}</p>
              <p className="alert-text">{state.state === "throttled" ? state.message : t(`reset.invalid.${state.reason}`)}</p>
              <p className="alert-text">{t("reset.invalid.next")} <Link to="/login">{t("reset.toLogin")}</Link></p>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

function ResetForm({ name, email, lastResult }: { name: string; email: string; lastResult: SubmissionResult<string[]> | undefined }) {
  const t = useT();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <p>{t("reset.intro", { name, email })}</p>
      <ErrorSummary form={form} fields={[fields.newPassword, fields.repeatPassword]} />
      <Form method="post" {...getFormProps(form)}>
        {/* For password managers: whose password this is. */}
        <input type="hidden" name="username" value={email} autoComplete="username" />
        <TextField
          meta={fields.newPassword} label={t("account.password.new")} type="password" autoComplete="new-password"
          hint={t("admin.field.passwordHint", { min: MIN_PASSWORD_LENGTH })}
        />
        <TextField meta={fields.repeatPassword} label={t("account.password.repeat")} type="password" autoComplete="new-password" />
        <button type="submit" className="button button-primary">{t("reset.submit")}</button>
      </Form>
    </>
  );
}
