// zod schemas for the import page and the user administration page, shared by client (conform) and
// server. Messages are i18n keys; the form components translate them.
import { z } from "zod";
import type { Role } from "#db/schema";

/** Largest CSV the import accepts. The seed file is about 15 kB; 2 MB is thousands of initiatives. */
export const MAX_IMPORT_BYTES = 2_000_000;

export const ImportSchema = z.object({
  // conform turns an empty file input (no name, no bytes) into undefined, so "nothing chosen" is required.
  file: z
    .instanceof(File, { error: "import.error.fileRequired" })
    .refine((f) => f.size > 0, "import.error.fileEmpty")
    .refine((f) => f.size <= MAX_IMPORT_BYTES, "import.error.fileTooLarge"),
});

export const ROLE_VALUES = ["program_manager", "steering_group", "knowledge_staff", "admin", "external"] as const satisfies readonly Role[];
// Fails to compile if a role is added to db/schema.ts and not here.
const _everyRole: Role extends (typeof ROLE_VALUES)[number] ? true : never = true;
void _everyRole;

export const MIN_PASSWORD_LENGTH = 12;

const role = z.enum(ROLE_VALUES, { error: "admin.error.role" });
const userId = z.number({ error: "admin.error.user" }).int("admin.error.user").positive("admin.error.user");

export const CreateUserSchema = z.object({
  intent: z.literal("create"),
  name: z.string({ error: "error.required" }).trim().min(1, "error.required").max(200, "error.tooLong"),
  email: z
    .string({ error: "error.required" })
    .trim()
    .toLowerCase()
    .email({ error: "error.invalidEmail" })
    .max(200, "error.tooLong"),
  role,
  // Not trimmed: spaces are characters like any other in a password.
  password: z
    .string({ error: "error.required" })
    .min(MIN_PASSWORD_LENGTH, "admin.error.passwordTooShort")
    .max(200, "error.tooLong"),
});

/** The roles a user holds (checkboxes named "roles": one value arrives as a string, several as a list). */
export const ChangeRoleSchema = z.object({
  intent: z.literal("role"),
  userId,
  roles: z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(role).min(1, "admin.error.roleRequired").max(ROLE_VALUES.length, "admin.error.role"),
  ),
});

export const SetActiveSchema = z.object({ intent: z.enum(["deactivate", "reactivate"]), userId });

export const UnlockSchema = z.object({ intent: z.literal("unlock"), userId });

/** An admin sends a user a one-time link to set a new password (asked about first). */
export const SendResetLinkSchema = z.object({ intent: z.literal("reset_link"), userId });

export type UserIntent = "create" | "role" | "deactivate" | "reactivate" | "unlock" | "reset_link";

/** A user's own password change: the current password, and the new one twice. */
export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "account.error.currentRequired" }).max(200, "error.tooLong"),
    newPassword: z.string({ error: "error.required" }).min(MIN_PASSWORD_LENGTH, "admin.error.passwordTooShort").max(200, "error.tooLong"),
    repeatPassword: z.string({ error: "error.required" }).max(200, "error.tooLong"),
  })
  .refine((v) => v.newPassword === v.repeatPassword, { path: ["repeatPassword"], message: "account.error.repeatMismatch" });

/** A new password set with a one-time link: the same rules as the user's own change, without the current one. */
export const ResetPasswordSchema = z
  .object({
    newPassword: z.string({ error: "error.required" }).min(MIN_PASSWORD_LENGTH, "admin.error.passwordTooShort").max(200, "error.tooLong"),
    repeatPassword: z.string({ error: "error.required" }).max(200, "error.tooLong"),
  })
  .refine((v) => v.newPassword === v.repeatPassword, { path: ["repeatPassword"], message: "account.error.repeatMismatch" });
