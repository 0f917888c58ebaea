// The steps of the one-time password link (/nulstil/:token): look the link up (workflows/password-reset.ts
// decides whether it still works), and set the new password. Bad links are counted like failed logins from the
// client's address (workflows/login-throttle.ts), so guessing links is throttled as guessing passwords is.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Db } from "#db/client";
import { hashPassword } from "#db/password";
import { appendHistory } from "#db/queries/history";
import { clearLoginFailures, recentLoginFailures, recordLoginFailure } from "#db/queries/login-failures";
import { getPasswordResetByHash, usePasswordReset, type PasswordResetRow } from "#db/queries/password-resets";
import { deleteSessionsForUser, setPasswordHash } from "#db/queries/users";
import { loginVerdict, windowStart } from "#workflows/login-throttle";
import { resetLinkStatus, resetLinkVerdict, type ResetLinkRefusal } from "#workflows/password-reset";
import type { Lang } from "~/i18n";
import { refusalText } from "~/i18n/refusals";
import { hashToken, isTokenShaped } from "~/mail/tokens.server";
import { ResetPasswordSchema } from "~/schemas/admin";
import { nowIso } from "~/utils/http.server";

/** The failures of bad links are kept under this name: no account has it, so it counts only by address. */
export const RESET_FAILURE_KEY = "#password-reset";
const HIDDEN = ["newPassword", "repeatPassword"];

export type LinkState =
  | { state: "ok"; name: string; email: string }
  | { state: "invalid"; reason: ResetLinkRefusal }
  | { state: "throttled"; message: string };

type Checked = { answer: ReturnType<typeof refused> } | { link: PasswordResetRow };

function refused(state: LinkState, status: number, headers?: Record<string, string>) {
  return data<LinkState>(state, { status, headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", ...headers } });
}

/** The link behind a token, or the answer that refuses it (429 throttled, 400 unknown, 410 used/expired/voided). */
async function checkLink(db: Db, token: string | undefined, address: string | null, lang: Lang): Promise<Checked> {
  const now = nowIso();
  const { addressFailures } = await recentLoginFailures(db, { email: RESET_FAILURE_KEY, address, since: windowStart(now) });
  const verdict = loginVerdict({ accountFailures: [], addressFailures, now });
  if (!verdict.ok) {
    console.warn(`refused 429 /nulstil: ${verdict.refusal.code} (${address ?? "no address"})`);
    const message = refusalText({ kind: "login", refusal: verdict.refusal }, lang);
    return { answer: refused({ state: "throttled", message }, 429, { "Retry-After": String(verdict.refusal.retryAfterSeconds) }) };
  }
  const link = isTokenShaped(token) ? await getPasswordResetByHash(db, hashToken(token)) : undefined;
  const check = resetLinkVerdict(link, now);
  if (!check.ok) {
    await recordLoginFailure(db, { email: RESET_FAILURE_KEY, address, at: now });
    return { answer: refused({ state: "invalid", reason: check.reason }, resetLinkStatus(check.reason)) };
  }
  return { link: link! };
}

/** GET: whether the link works (the form), or why not. Mail scanners fetch links: a GET changes nothing but the count. */
export async function linkStep(db: Db, token: string | undefined, address: string | null, lang: Lang) {
  const checked = await checkLink(db, token, address, lang);
  if ("answer" in checked) return checked.answer;
  return data<LinkState>({ state: "ok", name: checked.link.name, email: checked.link.email }, { headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
}

/**
 * POST: sets the new password (the same rules as /konto), uses the link up, ends every session of the user and
 * lifts a lockout of the account, with a history row, in one transaction. 400 naming the field; nothing written.
 */
export async function resetStep(db: Db, token: string | undefined, formData: FormData, address: string | null, lang: Lang) {
  const checked = await checkLink(db, token, address, lang);
  if ("answer" in checked) return checked.answer;
  const { link } = checked;
  const submission = parseWithZod(formData, { schema: ResetPasswordSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: HIDDEN }), { status: 400 });
  // Hashing is slow on purpose; it must not hold the single SQLite connection's transaction open.
  const hash = await hashPassword(submission.value.newPassword);
  const now = nowIso();
  const used = await db.transaction().execute(async (trx) => {
    if (!(await usePasswordReset(trx, link.id, now))) return false;
    await setPasswordHash(trx, link.userId, hash);
    await deleteSessionsForUser(trx, link.userId);
    await clearLoginFailures(trx, link.email);
    await appendHistory(trx, { initiativeId: null, actorId: link.userId, at: now, action: "user.password_reset", entity: "user", entityId: link.userId });
    return true;
  });
  // Another request used the link between our check and the update.
  if (!used) return refused({ state: "invalid", reason: "used" }, 410);
  return "done" as const;
}
