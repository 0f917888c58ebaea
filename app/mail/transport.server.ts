// SMTP delivery configured from the environment (SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER, SMTP_PASS,
// MAIL_FROM, PUBLIC_BASE_URL). Timeouts are short and well inside the outbox lease, so a hung mail server
// fails an attempt instead of outliving the lease and letting a second worker send the same row.
import nodemailer, { type Transporter } from "nodemailer";
import { publicBaseUrl } from "~/utils/public-url.server";

export interface MailConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465). Otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  user?: string;
  pass?: string;
  /** The From header, e.g. "SUSI Tracker <noreply@sbst.dk>". */
  from: string;
  /** Where the links in mails point: the public address of this app, no trailing slash. */
  baseUrl: string;
}

export type Env = Record<string, string | undefined>;

export function mailConfigFromEnv(env: Env = process.env): MailConfig {
  const port = Number(env.SMTP_PORT ?? "");
  return {
    host: env.SMTP_HOST || "localhost",
    port: Number.isInteger(port) && port > 0 ? port : 25,
    secure: /^(1|true|yes)$/i.test(env.SMTP_SECURE ?? ""),
    user: env.SMTP_USER || undefined,
    pass: env.SMTP_PASS || undefined,
    from: env.MAIL_FROM || "SUSI Tracker <noreply@localhost>",
    baseUrl: publicBaseUrl(env),
  };
}

/** The part of nodemailer the delivery needs; tests may hand in their own. */
export type MailTransport = Pick<Transporter, "sendMail"> & { close?: () => void };

export function createMailTransport(c: MailConfig): MailTransport {
  return nodemailer.createTransport({
    host: c.host,
    port: c.port,
    secure: c.secure,
    auth: c.user ? { user: c.user, pass: c.pass ?? "" } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

/** The domain of the From address, for Message-IDs. */
export function senderDomain(from: string): string {
  const m = /@([^\s>]+)>?\s*$/.exec(from);
  return m ? m[1] : "localhost";
}

/**
 * An SMTP 5xx answer (mailbox unknown, message refused) will not change by trying again, so the row is
 * dead at once. Failed login is the exception: it is the same for every row and needs the configuration
 * fixed, not every queued mail given up.
 */
export function isPermanentSmtpError(error: unknown): boolean {
  const e = error as { responseCode?: unknown; code?: unknown } | null;
  const status = typeof e?.responseCode === "number" ? e.responseCode : NaN;
  return status >= 500 && status < 600 && e?.code !== "EAUTH";
}

export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
