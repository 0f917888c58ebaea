// User administration for admins: list users, create one, change a role, deactivate or reactivate.
// An admin can never lock themselves out (no self-deactivation, no giving up their own admin role).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { Executor } from "#db/client";
import { hashPassword } from "#db/password";
import { isUniqueViolation } from "#db/dialect";
import { appendHistory } from "#db/queries/history";
import { createUser, deleteSessionsForUser, getUserByEmail, getUserById, listUsers, lockUsers, updateUser } from "#db/queries/users";
import type { Role } from "#db/schema";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { ChangeRoleSchema, CreateUserSchema, MIN_PASSWORD_LENGTH, ROLE_VALUES, SetActiveSchema, type UserIntent } from "~/schemas/admin";
import { requirePermission, type SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { badRequest, forbidden, notFound, nowIso, readForm } from "~/utils/http.server";
import { metaT, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("admin.title")} · SUSI Tracker` }];

type Notice = { key: string; name: string; role?: Role };
type UsersActionData = { intent: UserIntent; userId?: number; result: SubmissionResult<string[]>; notice?: Notice };

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "users.manage");
  return { users: await listUsers(db()), currentUserId: actor.id };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "users.manage");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "create") return create(formData, actor);
  if (intent === "role") return changeRole(formData, actor);
  if (intent === "deactivate" || intent === "reactivate") return setActive(formData, actor);
  badRequest('Unknown or missing "intent"');
}

async function create(formData: FormData, actor: SessionUser) {
  const submission = parseWithZod(formData, { schema: CreateUserSchema });
  if (submission.status !== "success") return invalid("create", submission.reply({ hideFields: ["password"] }));
  const { name, email, role, password } = submission.value;
  const emailTaken = () => invalid("create", submission.reply({ fieldErrors: { email: ["admin.error.emailTaken"] }, hideFields: ["password"] }));
  if (await getUserByEmail(db(), email)) return emailTaken();

  // Hashing is slow on purpose; it must not hold the single SQLite connection's transaction open.
  const passwordHash = await hashPassword(password);
  const now = nowIso();
  try {
    await db().transaction().execute(async (trx) => {
      const id = await createUser(trx, { email, name, role, passwordHash, now });
      await appendHistory(trx, {
        initiativeId: null, actorId: actor.id, at: now, action: "user.created", entity: "user", entityId: id, after: { email, name, role },
      });
    });
  } catch (error) {
    // Someone created the same email between our check and the insert.
    if (isUniqueViolation(error)) return emailTaken();
    throw error;
  }
  return ok({ intent: "create", result: submission.reply({ resetForm: true }), notice: { key: "admin.notice.created", name } });
}

async function changeRole(formData: FormData, actor: SessionUser) {
  const submission = parseWithZod(formData, { schema: ChangeRoleSchema });
  if (submission.status !== "success") return invalid("role", submission.reply(), rawUserId(formData));
  const { userId, role } = submission.value;
  if (userId === actor.id && role !== "admin") {
    return invalid("role", submission.reply({ formErrors: ["admin.error.ownRole"] }), userId);
  }
  const target = await changeUser(actor, userId, async (trx, before) => {
    if (before.role === role) return;
    await updateUser(trx, userId, { role });
    return { action: "user.role_changed", before: { role: before.role }, after: { role } };
  });
  return ok({ intent: "role", userId, result: submission.reply(), notice: { key: "admin.notice.roleChanged", name: target.name, role } });
}

async function setActive(formData: FormData, actor: SessionUser) {
  const submission = parseWithZod(formData, { schema: SetActiveSchema });
  const intent = formData.get("intent") as "deactivate" | "reactivate";
  if (submission.status !== "success") return invalid(intent, submission.reply(), rawUserId(formData));
  const { userId } = submission.value;
  const active = intent === "reactivate" ? 1 : 0;
  if (userId === actor.id && !active) {
    return invalid(intent, submission.reply({ formErrors: ["admin.error.ownDeactivate"] }), userId);
  }
  // A deactivated user's sessions end at once, so reactivating does not revive old logins.
  const target = await changeUser(actor, userId, async (trx, before) => {
    if (before.active === active) return;
    await updateUser(trx, userId, { active });
    if (!active) await deleteSessionsForUser(trx, userId);
    return { action: active ? "user.reactivated" : "user.deactivated", before: { active: before.active }, after: { active } };
  });
  const key = active ? "admin.notice.reactivated" : "admin.notice.deactivated";
  return ok({ intent, userId, result: submission.reply(), notice: { key, name: target.name } });
}

type Change = { action: string; before: unknown; after: unknown } | undefined;

/**
 * Runs one change to a user in a transaction that first checks the actor is still an active admin, so
 * two admins demoting each other at the same moment cannot leave the system without one. 404 for an
 * unknown user; a change that alters nothing writes no history.
 */
async function changeUser(
  actor: SessionUser,
  userId: number,
  change: (trx: Executor, before: NonNullable<Awaited<ReturnType<typeof getUserById>>>) => Promise<Change>,
) {
  const outcome = await db().transaction().execute(async (trx) => {
    // Both rows locked: on PostgreSQL two admins demoting each other run at once, and each would otherwise
    // still read the other as an admin (db/queries/users.ts lockUsers).
    const locked = await lockUsers(trx, [actor.id, userId]);
    const me = locked.find((u) => u.id === actor.id);
    if (!me || !me.active || me.role !== "admin") return "forbidden" as const;
    const before = locked.find((u) => u.id === userId);
    if (!before) return "not_found" as const;
    const done = await change(trx, before);
    if (done) {
      await appendHistory(trx, { initiativeId: null, actorId: actor.id, at: nowIso(), entity: "user", entityId: userId, ...done });
    }
    return before;
  });
  if (outcome === "forbidden") forbidden();
  if (outcome === "not_found") notFound("User not found");
  return outcome;
}

function rawUserId(formData: FormData): number | undefined {
  const n = Number(formData.get("userId"));
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function invalid(intent: UserIntent, result: SubmissionResult<string[]>, userId?: number) {
  return data<UsersActionData>({ intent, userId, result }, { status: 400 });
}

function ok(value: UsersActionData) {
  return data<UsersActionData>(value);
}

export default function UsersPage() {
  const { users, currentUserId } = useLoaderData<typeof loader>();
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

  return (
    <>
      <h1>{t("admin.title")}</h1>
      <p>{t("admin.intro")}</p>
      {notice ? (
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-text">{t(notice.key, { name: notice.name, role: notice.role ? t(`role.${notice.role}`) : "" })}</p>
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
                      {self ? t(`role.${u.role}`) : (
                        <Form method="post" className="app-actions">
                          <input type="hidden" name="intent" value="role" />
                          <input type="hidden" name="userId" value={u.id} />
                          <label className="visually-hidden" htmlFor={`role-${u.id}`}>{t("admin.roleFor", { name: u.name })}</label>
                          <select
                            className="form-select" id={`role-${u.id}`} name="role" defaultValue={u.role}
                            aria-describedby={errorId(u.id)} aria-invalid={errorId(u.id) ? true : undefined}
                          >
                            {roleOptions.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                          </select>
                          <button type="submit" className="button button-secondary button-small">
                            {t("admin.changeRole")}<span className="visually-hidden"> {t("admin.forName", { name: u.name })}</span>
                          </button>
                        </Form>
                      )}
                    </td>
                    <td>{u.active ? t("admin.active") : t("admin.inactive")}</td>
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
