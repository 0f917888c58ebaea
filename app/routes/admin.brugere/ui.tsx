// The user administration page: the list of users with checkboxes for their roles, deactivate/reactivate (deactivation
// asks first: ConfirmStep), "lift lockout" for a locked account, "send link to a new password" (asks first too),
// and the form that creates a user.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmStep } from "~/components/confirm-step";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { CreateUserSchema, MIN_PASSWORD_LENGTH, ROLE_VALUES } from "~/schemas/admin";
import { useT } from "~/utils/i18n";
import type { action, loader } from "./route";

export function UsersPage() {
  const { users, currentUserId, resetHours } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    lastResult: actionData?.intent === "create" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateUserSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const roleOptions = ROLE_VALUES.map((r) => ({ value: r, label: t(`role.${r}`) }));
  // Errors from the per-row forms: shown once at the top and again beside the row they belong to.
  const rowError = actionData && actionData.intent !== "create" && actionData.result.status === "error"
    ? { userId: actionData.userId, messages: Object.values(actionData.result.error ?? {}).flat().filter((m): m is string => !!m) }
    : null;
  const errorId = (id: number) => (rowError?.userId === id ? `user-${id}-error` : undefined);
  const notice = actionData?.notice;
  const confirm = actionData?.confirm;

  return (
    <>
      <h1>{t("admin.title")}</h1>
      <p>{t("admin.intro")}</p>
      {confirm ? (
        <ConfirmStep
          fields={confirm.fields} danger={confirm.intent === "deactivate"} cancelHref="/admin/brugere"
          heading={t(`admin.confirm.${confirm.intent}.heading`, { name: confirm.name })}
          text={[t(`admin.confirm.${confirm.intent}.text`, { name: confirm.name, hours: resetHours })]}
          confirmLabel={t(`admin.confirm.${confirm.intent}.submit`, { name: confirm.name })}
        />
      ) : null}
      {notice ? (
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-text">{t(notice.key, { name: notice.name, roles: notice.roles ?? "" })}</p>
          </div>
        </div>
      ) : null}
      {rowError ? (
        <div className="alert alert-error" role="alert">
          <div className="alert-body">
            <p className="alert-heading">{t("admin.error.notChanged")}</p>
            <ul className="alert-text">{rowError.messages.map((m) => <li key={m}>{t(m)}</li>)}</ul>
          </div>
        </div>
      ) : null}

      <section className="app-section" aria-labelledby="users-list">
        <h2 id="users-list">{t("admin.list.title")}</h2>
        <div className="app-table-wrap">
          <table className="table table--compact">
            <caption className="visually-hidden">{t("admin.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.col.name")}</th>
                <th scope="col">{t("admin.col.email")}</th>
                <th scope="col">{t("admin.col.role")}</th>
                <th scope="col">{t("admin.col.active")}</th>
                <th scope="col">{t("admin.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => {
                const self = u.id === currentUserId;
                return (
                  <tr key={u.id}>
                    <th scope="row">{u.name}{self ? ` (${t("admin.you")})` : null}</th>
                    <td>{u.email}</td>
                    <td>
                      {self ? u.roles.map((r) => t(`role.${r}`)).join(", ") : (
                        <Form method="post">
                          <input type="hidden" name="intent" value="role" />
                          <input type="hidden" name="userId" value={u.id} />
                          <fieldset aria-describedby={errorId(u.id)}>
                            <legend className="visually-hidden">{t("admin.roleFor", { name: u.name })}</legend>
                            {roleOptions.map((o) => (
                              <div className="form-group-checkbox" key={o.value}>
                                <input
                                  className="form-checkbox" type="checkbox" id={`role-${u.id}-${o.value}`} name="roles" value={o.value}
                                  defaultChecked={u.roles.includes(o.value)} aria-invalid={errorId(u.id) ? true : undefined}
                                />
                                <label htmlFor={`role-${u.id}-${o.value}`}>{o.label}</label>
                              </div>
                            ))}
                          </fieldset>
                          <button type="submit" className="button button-secondary button-small">
                            {t("admin.changeRole")}<span className="visually-hidden"> {t("admin.forName", { name: u.name })}</span>
                          </button>
                        </Form>
                      )}
                    </td>
                    <td>
                      {u.active ? t("admin.active") : t("admin.inactive")}
                      {u.locked ? (
                        <>
                          {" · "}<strong>{t("admin.locked")}</strong>
                          <Form method="post">
                            <input type="hidden" name="intent" value="unlock" />
                            <input type="hidden" name="userId" value={u.id} />
                            <button type="submit" className="button button-secondary button-small">
                              {t("admin.unlock")}<span className="visually-hidden"> {t("admin.forName", { name: u.name })}</span>
                            </button>
                          </Form>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {self ? (
                        <span className="app-meta">{t("admin.selfHint")}</span>
                      ) : (
                        <Form method="post">
                          <input type="hidden" name="intent" value={u.active ? "deactivate" : "reactivate"} />
                          <input type="hidden" name="userId" value={u.id} />
                          <button type="submit" className="button button-secondary button-small" aria-describedby={errorId(u.id)}>
                            {u.active ? t("admin.deactivate") : t("admin.reactivate")}
                            <span className="visually-hidden"> {u.name}</span>
                          </button>
                        </Form>
                      )}
                      {!self && u.active ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="reset_link" />
                          <input type="hidden" name="userId" value={u.id} />
                          <button type="submit" className="button button-secondary button-small">
                            {t("admin.resetLink")}<span className="visually-hidden"> {t("admin.forName", { name: u.name })}</span>
                          </button>
                        </Form>
                      ) : null}
                      {rowError && rowError.userId === u.id ? (
                        <span className="form-error-message" id={`user-${u.id}-error`}>
                          {rowError.messages.map((m) => t(m)).join(" ")}
                        </span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section className="app-section" aria-labelledby="users-create">
        <h2 id="users-create">{t("admin.create.title")}</h2>
        <ErrorSummary form={form} fields={[fields.name, fields.email, fields.role, fields.password]} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <TextField meta={fields.name} label={t("admin.field.name")} autoComplete="off" />
          <TextField meta={fields.email} label={t("admin.field.email")} type="email" autoComplete="off" />
          <SelectField meta={fields.role} label={t("admin.field.role")} options={roleOptions} placeholder={t("admin.field.rolePlaceholder")} />
          <TextField
            meta={fields.password} label={t("admin.field.password")} type="password" autoComplete="new-password"
            hint={t("admin.field.passwordHint", { min: MIN_PASSWORD_LENGTH })}
          />
          <button type="submit" className="button button-primary">{t("admin.create.submit")}</button>
        </Form>
      </section>
    </>
  );
}
