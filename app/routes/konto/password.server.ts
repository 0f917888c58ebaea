// The user's own password change: the current password must be right; the new one is saved and every other
// session of the user ends (a password change is how a user throws out someone who learnt the old one).
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Db } from "#db/client";
import { hashPassword, verifyPassword } from "#db/password";
import { appendHistory } from "#db/queries/history";
import { deleteOtherSessions, getUserByEmail, setPasswordHash } from "#db/queries/users";
import { ChangePasswordSchema } from "~/schemas/admin";
import type { SessionUser } from "~/utils/auth.server";
import { nowIso } from "~/utils/http.server";

const HIDDEN = ["currentPassword", "newPassword", "repeatPassword"];

export async function changePasswordStep(db: Db, formData: FormData, user: SessionUser, sessionId: string | null) {
  const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: HIDDEN }), { status: 400 });
  const row = await getUserByEmail(db, user.email);
  if (!row || !(await verifyPassword(submission.value.currentPassword, row.password_hash))) {
    return data(submission.reply({ fieldErrors: { currentPassword: ["account.error.currentWrong"] }, hideFields: HIDDEN }), { status: 400 });
  }
  // Hashing is slow on purpose; it must not hold the single SQLite connection's transaction open.
  const hash = await hashPassword(submission.value.newPassword);
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, user.id, hash);
    await deleteOtherSessions(trx, user.id, sessionId);
    await appendHistory(trx, { initiativeId: null, actorId: user.id, at: nowIso(), action: "user.password_changed", entity: "user", entityId: user.id });
  });
  return "changed" as const;
}
