// The account page: the user's name, email and role, and the password change form.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/forms";
import { ChangePasswordSchema, MIN_PASSWORD_LENGTH } from "~/schemas/admin";
import { useT } from "~/utils/i18n";
import type { action, loader } from "./route";

export function AccountPage() {
  const { name, email, roles } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="row">
      <div className="col-12 col-md-8 col-lg-6">
        <h1>{t("account.title")}</h1>
        <dl>
          <dt>{t("admin.col.name")}</dt><dd>{name}</dd>
          <dt>{t("admin.col.email")}</dt><dd>{email}</dd>
          <dt>{t("admin.col.role")}</dt><dd>{roles.map((r) => t(`role.${r}`)).join(", ")}</dd>
        </dl>
        <section className="app-section" aria-labelledby="password-title">
          <h2 id="password-title">{t("account.password.title")}</h2>
          <p>{t("account.password.intro")}</p>
          <ErrorSummary form={form} fields={[fields.currentPassword, fields.newPassword, fields.repeatPassword]} />
          <Form method="post" {...getFormProps(form)}>
            <TextField meta={fields.currentPassword} label={t("account.password.current")} type="password" autoComplete="current-password" />
            <TextField
              meta={fields.newPassword} label={t("account.password.new")} type="password" autoComplete="new-password"
              hint={t("admin.field.passwordHint", { min: MIN_PASSWORD_LENGTH })}
            />
            <TextField meta={fields.repeatPassword} label={t("account.password.repeat")} type="password" autoComplete="new-password" />
            <button type="submit" className="button button-primary">{t("account.password.submit")}</button>
          </Form>
        </section>
      </div>
    </div>
  );
}
