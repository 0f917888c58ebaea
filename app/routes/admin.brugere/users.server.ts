// The steps of the user administration page, one per form intent: parse, load, ask workflows/user-admin.ts,
// save with its history row in one transaction. Each takes the executor, so tests and the route share them.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Db, Executor } from "#db/client";
import { isUniqueViolation } from "#db/dialect";
import { hashPassword } from "#db/password";
import { appendHistory } from "#db/queries/history";
import { enqueuePasswordResetMail } from "#db/queries/outbox";
import { createPasswordReset } from "#db/queries/password-resets";
import { clearLoginFailures, loginFailuresByEmail } from "#db/queries/login-failures";
import { createUser, deleteSessionsForUser, getUserByEmail, getUserById, listUsers, lockUsers, ROLES, rolesOf, setUserRoles, updateUser } from "#db/queries/users";
import { isLocked, windowStart } from "#workflows/login-throttle";
import { resetExpiresAt, resetHoursFrom } from "#workflows/password-reset";
import { mayAdminister, mayChangeRoles, maySendResetLink, maySetActive, orderRoles, type Check } from "#workflows/user-admin";
import { refusalText } from "~/i18n/refusals";
import { hashToken, newToken } from "~/mail/tokens.server";
import { translator, type Lang } from "~/i18n";
import { ChangeRoleSchema, CreateUserSchema, SendResetLinkSchema, SetActiveSchema, UnlockSchema, type UserIntent } from "~/schemas/admin";
import type { SessionUser } from "~/utils/auth.server";
import { confirmationFields, isConfirmed } from "~/utils/confirm.server";
import { forbidden, notFound, nowIso } from "~/utils/http.server";

export type Notice = { key: string; name: string; roles?: string };
export type Confirm = { intent: "deactivate" | "reset_link"; userId: number; name: string; fields: [string, string][] };
export type UsersActionData = { intent: UserIntent; userId?: number; result: SubmissionResult<string[]>; notice?: Notice; confirm?: Confirm };
/** What a step answers: the page's action data, or "done" with the flash receipt to redirect with. */
export type StepAnswer = ReturnType<typeof invalid> | ReturnType<typeof ok> | { flash: string; name: string };
export type Step = (db: Db, formData: FormData, actor: SessionUser, lang: Lang) => Promise<StepAnswer>;

export async function loadUsers(db: Executor, now: string) {
  const [users, failures] = await Promise.all([listUsers(db), loginFailuresByEmail(db, windowStart(now))]);
  const roles = await rolesOf(db, users);
  return users.map((u) => ({ ...u, roles: roles.get(u.id) ?? [u.role], locked: isLocked(failures.get(u.email) ?? [], now) }));
}

export async function createStep(db: Db, formData: FormData, actor: SessionUser): Promise<StepAnswer> {
  const submission = parseWithZod(formData, { schema: CreateUserSchema });
  if (submission.status !== "success") return invalid("create", submission.reply({ hideFields: ["password"] }));
  const { name, email, role, password } = submission.value;
  const emailTaken = () => invalid("create", submission.reply({ fieldErrors: { email: ["admin.error.emailTaken"] }, hideFields: ["password"] }));
  if (await getUserByEmail(db, email)) return emailTaken();
  // Hashing is slow on purpose; it must not hold the single SQLite connection's transaction open.
  const passwordHash = await hashPassword(password);
  const now = nowIso();
  try {
    await db.transaction().execute(async (trx) => {
      await ensureAdmin(trx, actor);
      const id = await createUser(trx, { email, name, role, passwordHash, now });
      await appendHistory(trx, { initiativeId: null, actorId: actor.id, at: now, action: "user.created", entity: "user", entityId: id, after: { email, name, role } });
    });
  } catch (error) {
    // Someone created the same email between our check and the insert.
    if (isUniqueViolation(error)) return emailTaken();
    throw error;
  }
  return ok({ intent: "create", result: submission.reply({ resetForm: true }), notice: { key: "admin.notice.created", name } });
}

export async function changeRoleStep(db: Db, formData: FormData, actor: SessionUser, lang: Lang): Promise<StepAnswer> {
  const submission = parseWithZod(formData, { schema: ChangeRoleSchema });
  if (submission.status !== "success") return invalid("role", submission.reply(), rawUserId(formData));
  const { userId, roles } = submission.value;
  const outcome = await changeUser(db, actor, userId, (me) => mayChangeRoles(me, userId, roles), async (trx, before) => {
    const was = (await rolesOf(trx, [before])).get(before.id) ?? [before.role];
    const next = orderRoles(before.role, roles, ROLES);
    if (was.length === next.length && was.every((r, i) => r === next[i])) return;
    await setUserRoles(trx, userId, next);
    return { action: "user.role_changed", before: { roles: was }, after: { roles: next } };
  });
  if (!outcome.ok) return invalid("role", submission.reply({ formErrors: [refusalText({ kind: "userAdmin", refusal: outcome.refusal }, lang)] }), userId);
  const names = orderRoles(outcome.user.role, roles, ROLES).map((r) => translator(lang)(`role.${r}`)).join(", ");
  return ok({ intent: "role", userId, result: submission.reply(), notice: { key: "admin.notice.rolesChanged", name: outcome.user.name, roles: names } });
}

/** Deactivation is asked about first (nothing written), then done on the confirmed second submit. */
export async function setActiveStep(db: Db, formData: FormData, actor: SessionUser, lang: Lang): Promise<StepAnswer> {
  const submission = parseWithZod(formData, { schema: SetActiveSchema });
  const intent = formData.get("intent") === "reactivate" ? "reactivate" : "deactivate";
  if (submission.status !== "success") return invalid(intent, submission.reply(), rawUserId(formData));
  const { userId } = submission.value;
  const active = intent === "reactivate";
  const refused = (check: Check & { ok: false }) =>
    invalid(intent, submission.reply({ formErrors: [refusalText({ kind: "userAdmin", refusal: check.refusal }, lang)] }), userId);
  if (!active && !isConfirmed(formData)) {
    const me = await freshActor(db, actor.id);
    const check = maySetActive(me!, userId, active);
    if (!check.ok) return refused(check);
    const target = await getUserById(db, userId);
    if (!target) notFound("User not found");
    return ok({ intent, userId, result: submission.reply(), confirm: { intent: "deactivate", userId, name: target.name, fields: confirmationFields(formData) } });
  }
  // A deactivated user's sessions end at once, so reactivating does not revive old logins.
  const outcome = await changeUser(db, actor, userId, (me) => maySetActive(me, userId, active), async (trx, before) => {
    if (before.active === (active ? 1 : 0)) return;
    await updateUser(trx, userId, { active: active ? 1 : 0 });
    if (!active) await deleteSessionsForUser(trx, userId);
    return { action: active ? "user.reactivated" : "user.deactivated", before: { active: before.active }, after: { active: active ? 1 : 0 } };
  });
  if (!outcome.ok) return refused(outcome);
  if (!active) return { flash: "flash.user.deactivated", name: outcome.user.name };
  return ok({ intent, userId, result: submission.reply(), notice: { key: "admin.notice.reactivated", name: outcome.user.name } });
}

/**
 * Sends a user a one-time link to set a new password, after a confirmation: the link (only its hash stored,
 * expiring after PASSWORD_RESET_HOURS, default 24) voids the user's older links, and its mail is queued in the
 * outbox in the same transaction as the history row. The user's password works until the link is used.
 */
export async function resetLinkStep(db: Db, formData: FormData, actor: SessionUser, lang: Lang): Promise<StepAnswer> {
  const submission = parseWithZod(formData, { schema: SendResetLinkSchema });
  if (submission.status !== "success") return invalid("reset_link", submission.reply(), rawUserId(formData));
  const { userId } = submission.value;
  const refused = (check: Check & { ok: false }) =>
    invalid("reset_link", submission.reply({ formErrors: [refusalText({ kind: "userAdmin", refusal: check.refusal }, lang)] }), userId);
  if (!isConfirmed(formData)) {
    const target = await getUserById(db, userId);
    if (!target) notFound("User not found");
    const check = maySendResetLink((await freshActor(db, actor.id))!, target);
    if (!check.ok) return refused(check);
    return ok({ intent: "reset_link", userId, result: submission.reply(), confirm: { intent: "reset_link", userId, name: target.name, fields: confirmationFields(formData) } });
  }
  const token = newToken();
  const now = nowIso();
  const expiresAt = resetExpiresAt(now, resetHoursFrom(process.env.PASSWORD_RESET_HOURS));
  const outcome = await changeUser(db, actor, userId, (me, target) => maySendResetLink(me, target), async (trx, before) => {
    await createPasswordReset(trx, { userId, tokenHash: hashToken(token), createdBy: actor.id, now, expiresAt });
    await enqueuePasswordResetMail(trx, { recipient: before.email, payload: { token, name: before.name, expiresAt } }, now);
    return { action: "user.reset_link_sent", before: null, after: { email: before.email, expires_at: expiresAt } };
  });
  if (!outcome.ok) return refused(outcome);
  return { flash: "flash.user.resetLinkSent", name: outcome.user.name };
}

/** Lifts a login lockout: the account's failed logins are forgotten. */
export async function unlockStep(db: Db, formData: FormData, actor: SessionUser): Promise<StepAnswer> {
  const submission = parseWithZod(formData, { schema: UnlockSchema });
  if (submission.status !== "success") return invalid("unlock", submission.reply(), rawUserId(formData));
  const { userId } = submission.value;
  const outcome = await changeUser(db, actor, userId, (me) => mayAdminister(me), async (trx, before) => {
    await clearLoginFailures(trx, before.email);
    return { action: "user.unlocked", before: null, after: { email: before.email } };
  });
  if (!outcome.ok) forbidden();
  return ok({ intent: "unlock", userId, result: submission.reply(), notice: { key: "admin.notice.unlocked", name: outcome.user.name } });
}

type Change = { action: string; before: unknown; after: unknown } | undefined;
type Target = NonNullable<Awaited<ReturnType<typeof getUserById>>>;

/**
 * One change to a user in a transaction that first reads the actor fresh and asks the rule, so two admins
 * demoting each other at the same moment cannot leave the system without one. 403 when the actor is no longer
 * an admin, 404 for an unknown user; a change that alters nothing writes no history.
 */
async function changeUser(
  db: Db, actor: SessionUser, userId: number, rule: (me: Target, target: Target) => Check, change: (trx: Executor, before: Target) => Promise<Change>,
): Promise<{ ok: true; user: Target } | (Check & { ok: false })> {
  const outcome = await db.transaction().execute(async (trx) => {
    // Both rows locked: on PostgreSQL two admins demoting each other run at once, and each would otherwise
    // still read the other as an admin (db/queries/users.ts lockUsers).
    const locked = await lockUsers(trx, [actor.id, userId]);
    const roles = await rolesOf(trx, locked);
    const found = locked.find((u) => u.id === actor.id);
    // Every role counts (an admin may hold it besides another primary role).
    const me = found && { ...found, roles: roles.get(found.id) ?? [found.role] };
    if (!me || !mayAdminister(me).ok) return "forbidden" as const;
    const before = locked.find((u) => u.id === userId);
    if (!before) return "not_found" as const;
    const check = rule(me, before);
    if (!check.ok) return check;
    const done = await change(trx, before);
    if (done) await appendHistory(trx, { initiativeId: null, actorId: actor.id, at: nowIso(), entity: "user", entityId: userId, ...done });
    return { ok: true as const, user: before };
  });
  if (outcome === "forbidden") forbidden();
  if (outcome === "not_found") notFound("User not found");
  return outcome;
}

async function ensureAdmin(trx: Executor, actor: SessionUser) {
  if (!mayAdminister(await freshActor(trx, actor.id)).ok) forbidden();
}

/** The acting user as the database holds them now, with every role they hold. */
async function freshActor(db: Executor, id: number) {
  const me = await getUserById(db, id);
  return me && { ...me, roles: (await rolesOf(db, [me])).get(me.id) ?? [me.role] };
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
