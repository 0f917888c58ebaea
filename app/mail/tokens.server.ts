// Link tokens for confirmation and unsubscribe mails: 256 random bits, base64url; only their sha256 is stored.
import { createHash, randomBytes } from "node:crypto";

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A token we could have issued (43 base64url characters). Anything else is not looked up at all. */
export function isTokenShaped(value: string | undefined): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}
