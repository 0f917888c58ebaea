// The subscribers' mails in Danish, as plain text and simple HTML: the confirmation (double opt-in), the
// notice of one release and the weekly digest. Their words are in app/i18n/mail.ts. Every mail carries its own one-click unsubscribe link,
// in the body and in the List-Unsubscribe headers (RFC 2369 / RFC 8058).
import type { ReminderPayload } from "#db/queries/conditions";
import type { PhaseNoticePayload } from "#db/queries/initiative-follow";
import type { DigestPayload, NoticePayload, OutboxKind, PasswordResetPayload, WithdrawalPayload } from "#db/queries/outbox";
import { municipalityByCode } from "#db/seed-data/municipalities";
import { formatDate, formatDateTime, translator } from "~/i18n";

const t = translator("da");
const SENDER = t("mail.sender");

export interface ConfirmPayload {
  confirmToken: string;
  /** Absent in payloads queued before issue 13: a municipality then. */
  kind?: "municipality" | "civil_society" | "social_service" | "other";
  municipalityCode: string | null;
  initiatives?: string[];
  areas: ("adults" | "children")[];
  topics: string[];
  frequency: "immediate" | "weekly";
}

export interface MailLinks {
  baseUrl: string;
  /** The plain unsubscribe token minted for this one mail. */
  unsubscribeToken: string;
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export function confirmUrl(baseUrl: string, token: string) {
  return `${baseUrl}/viden/abonnement/bekraeft/${token}`;
}

export function unsubscribeUrl(baseUrl: string, token: string) {
  return `${baseUrl}/viden/abonnement/afmeld/${token}`;
}

/** A release's address as a link: absolute URLs are kept, paths are put under the public base URL. */
export function absoluteUrl(baseUrl: string, url: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  return `${baseUrl}${url.startsWith("/") ? "" : "/"}${url}`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function html(title: string, body: string, unsubscribe: string): string {
  return `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 640px;">
${body}
<hr style="border: 0; border-top: 1px solid #ccc; margin: 2em 0 1em;">
<p style="font-size: 14px; color: #555;">${escapeHtml(t("mail.footer", { sender: SENDER }))}
<a href="${escapeHtml(unsubscribe)}">${t("mail.unsubscribeHere")}</a>.</p>
</body></html>`;
}

function footerText(unsubscribe: string): string {
  return `-- \n${t("mail.footer", { sender: SENDER })}\n${t("mail.unsubscribeHere")}: ${unsubscribe}\n`;
}

function listHeaders(unsubscribe: string): Record<string, string> {
  return {
    "List-Unsubscribe": `<${unsubscribe}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    "Auto-Submitted": "auto-generated",
  };
}

/** "Voksne og Børn og unge; emnerne hjemløshed, recovery" — what a subscription follows, in words. */
export function describeFollowing(areas: ConfirmPayload["areas"], topics: string[], initiatives: string[] = []): string {
  const parts: string[] = [];
  if (areas.length) parts.push(areas.map((a) => t(`area.${a}`)).join(` ${t("mail.and")} `));
  if (topics.length) parts.push(t(topics.length === 1 ? "mail.topics.one" : "mail.topics.many", { topics: topics.join(", ") }));
  if (initiatives.length) parts.push(t(initiatives.length === 1 ? "mail.initiatives.one" : "mail.initiatives.many", { titles: initiatives.join(", ") }));
  return parts.join("; ");
}

function frequencyText(f: ConfirmPayload["frequency"]): string {
  return t(f === "weekly" ? "mail.frequency.weekly" : "mail.frequency.immediate");
}

function confirmation(p: ConfirmPayload, links: MailLinks): MailContent {
  const confirm = confirmUrl(links.baseUrl, p.confirmToken);
  const unsubscribe = unsubscribeUrl(links.baseUrl, links.unsubscribeToken);
  const municipality = p.municipalityCode ? municipalityByCode(p.municipalityCode)?.name ?? p.municipalityCode : null;
  const subject = t("mail.confirm.subject");
  const following = describeFollowing(p.areas, p.topics, p.initiatives ?? []);
  const who = municipality ? t("mail.confirm.municipality", { name: municipality }) : t("mail.confirm.kind", { kind: t(`subscriptions.kind.${p.kind ?? "other"}`) });
  const text = [
    t("mail.hello"),
    "",
    t("mail.confirm.received", { sender: SENDER }),
    "",
    who,
    t("mail.confirm.following", { following }),
    t("mail.confirm.youGet", { frequency: frequencyText(p.frequency) }),
    "",
    t("mail.confirm.here"),
    confirm,
    "",
    t("mail.confirm.nothingBefore"),
    t("mail.confirm.notYou"),
    "",
    t("mail.regards"),
    SENDER,
    "",
    footerText(unsubscribe),
  ].join("\n");
  const body = `<p>${t("mail.hello")}</p>
<p>${escapeHtml(t("mail.confirm.received", { sender: SENDER }))}</p>
<ul>
<li>${escapeHtml(who)}</li>
<li>${escapeHtml(t("mail.confirm.following", { following }))}</li>
<li>${escapeHtml(t("mail.confirm.youGet", { frequency: frequencyText(p.frequency) }))}</li>
</ul>
<p><a href="${escapeHtml(confirm)}" style="display: inline-block; padding: 10px 16px; background: #0059b3; color: #fff; text-decoration: none;">${t("mail.confirm.button")}</a></p>
<p>${t("mail.confirm.nothingBefore")} ${t("mail.confirm.notYou")}</p>
<p>${t("mail.regards")}<br>${SENDER}</p>`;
  return { subject, text, html: html(subject, body, unsubscribe), headers: listHeaders(unsubscribe) };
}

function notice(p: NoticePayload, links: MailLinks): MailContent {
  const r = p.release;
  const unsubscribe = unsubscribeUrl(links.baseUrl, links.unsubscribeToken);
  const url = absoluteUrl(links.baseUrl, r.url);
  const subject = t(r.edition > 1 ? "mail.notice.subjectEdition" : "mail.notice.subject", { title: r.title });
  const lead = r.edition > 1 ? t("mail.notice.leadEdition", { edition: r.edition }) : t("mail.notice.lead");
  const change = r.changeNote?.trim() ?? "";
  const text = [
    lead, "", r.title, "", r.summary, "", ...(change ? [t("mail.notice.changeNote"), change, ""] : []), `${t("mail.readMore")}: ${url}`, "", footerText(unsubscribe),
  ].join("\n");
  const body = `<p>${escapeHtml(lead)}</p>
<h1 style="font-size: 22px;"><a href="${escapeHtml(url)}">${escapeHtml(r.title)}</a></h1>
<p>${escapeHtml(r.summary)}</p>
${change ? `<h2 style="font-size: 18px;">${escapeHtml(t("mail.notice.changeNote"))}</h2>\n<p style="white-space: pre-wrap;">${escapeHtml(change)}</p>\n` : ""}<p><a href="${escapeHtml(url)}">${t("mail.readMore")}</a></p>`;
  return { subject, text, html: html(subject, body, unsubscribe), headers: listHeaders(unsubscribe) };
}

/** A release the subscriber was told of has been withdrawn: the reason, and the page that now says so. */
function withdrawal(p: WithdrawalPayload, links: MailLinks): MailContent {
  const w = p.withdrawal;
  const unsubscribe = unsubscribeUrl(links.baseUrl, links.unsubscribeToken);
  const url = absoluteUrl(links.baseUrl, w.url);
  const subject = t("mail.withdrawal.subject", { title: w.title });
  const text = [
    t("mail.withdrawal.lead"), "", w.title, "", t("mail.withdrawal.reason"), w.reason, "", t("mail.withdrawal.page"), url, "", footerText(unsubscribe),
  ].join("\n");
  const body = `<p>${escapeHtml(t("mail.withdrawal.lead"))}</p>
<h1 style="font-size: 22px;">${escapeHtml(w.title)}</h1>
<p><strong>${escapeHtml(t("mail.withdrawal.reason"))}</strong></p>
<p style="white-space: pre-wrap;">${escapeHtml(w.reason)}</p>
<p>${escapeHtml(t("mail.withdrawal.page"))} <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`;
  return { subject, text, html: html(subject, body, unsubscribe), headers: listHeaders(unsubscribe) };
}

/** A public phase (or status) change of an initiative the subscriber follows (DECISIONS 0102). */
function phaseNotice(p: PhaseNoticePayload, links: MailLinks): MailContent {
  const c = p.phaseChange;
  const unsubscribe = unsubscribeUrl(links.baseUrl, links.unsubscribeToken);
  const url = absoluteUrl(links.baseUrl, c.url);
  const subject = c.change === "phase"
    ? t("mail.phase.subject.phase", { title: c.initiativeTitle, phase: t(`phase.${c.toPhase}`) })
    : t("mail.phase.subject.status", { title: c.initiativeTitle, status: t(`status.${c.toStatus}`) });
  const lines = [
    c.fromPhase !== c.toPhase ? t("mail.phase.change.phase", { from: t(`phase.${c.fromPhase}`), to: t(`phase.${c.toPhase}`) }) : null,
    c.fromStatus !== c.toStatus ? t("mail.phase.change.status", { from: t(`status.${c.fromStatus}`), to: t(`status.${c.toStatus}`) }) : null,
    t("mail.phase.decided", { outcome: t(`outcome.${c.outcome}`), date: formatDate(c.decidedAt, "da") }),
  ].filter((l): l is string => l !== null);
  const text = [t("mail.phase.lead"), "", c.initiativeTitle, "", ...lines, "", `${t("mail.phase.readMore")}: ${url}`, "", footerText(unsubscribe)].join("\n");
  const body = `<p>${escapeHtml(t("mail.phase.lead"))}</p>
<h1 style="font-size: 22px;">${escapeHtml(c.initiativeTitle)}</h1>
<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>
<p><a href="${escapeHtml(url)}">${t("mail.phase.readMore")}</a></p>`;
  return { subject, text, html: html(subject, body, unsubscribe), headers: listHeaders(unsubscribe) };
}

function digest(p: DigestPayload, links: MailLinks): MailContent {
  const unsubscribe = unsubscribeUrl(links.baseUrl, links.unsubscribeToken);
  const items = [...p.releases].sort((a, b) => a.id - b.id);
  const n = items.length;
  const subject = t(n === 1 ? "mail.digest.subject.one" : "mail.digest.subject.many", { n });
  const label = (i: (typeof items)[number]) => (i.edition > 1 ? t("mail.digest.edition", { title: i.title, edition: i.edition }) : i.title);
  const text = [
    t("mail.digest.lead"),
    "",
    ...items.flatMap((i) => [`* ${label(i)}`, `  ${i.summary}`, `  ${absoluteUrl(links.baseUrl, i.url)}`, ""]),
    footerText(unsubscribe),
  ].join("\n");
  const body = `<p>${t("mail.digest.lead")}</p>
<ul>
${items.map((i) => `<li><a href="${escapeHtml(absoluteUrl(links.baseUrl, i.url))}">${escapeHtml(label(i))}</a><br>${escapeHtml(i.summary)}</li>`).join("\n")}
</ul>`;
  return { subject, text, html: html(subject, body, unsubscribe), headers: listHeaders(unsubscribe) };
}

/**
 * A condition's owner is reminded a few days before its due date and on it. An internal mail to a user of the
 * tracker: no subscription footer and no unsubscribe link (the reminder stops once the condition is met).
 */
function reminder(p: ReminderPayload, links: MailLinks): MailContent {
  const url = absoluteUrl(links.baseUrl, `/initiativer/${p.initiativeId}/betingelser`);
  const params = { title: p.initiativeTitle, due: formatDate(p.dueDate, "da"), text: p.text, name: p.ownerName };
  const subject = t(`mail.reminder.subject.${p.kind}`, params);
  const lead = t(`mail.reminder.lead.${p.kind}`, params);
  const text = [t("mail.reminder.greeting", params), "", lead, "", `  ${p.text}`, "", t("mail.reminder.action"), url, "", t("mail.reminder.footer")].join("\n");
  const body = `<p>${escapeHtml(t("mail.reminder.greeting", params))}</p>
<p>${escapeHtml(lead)}</p>
<blockquote>${escapeHtml(p.text)}</blockquote>
<p>${escapeHtml(t("mail.reminder.action"))} <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`;
  const page = `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 640px;">
${body}
<hr style="border: 0; border-top: 1px solid #ccc; margin: 2em 0 1em;">
<p style="font-size: 14px; color: #555;">${escapeHtml(t("mail.reminder.footer"))}</p>
</body></html>`;
  return { subject, text, html: page, headers: {} };
}

export function resetUrl(baseUrl: string, token: string) {
  return `${baseUrl}/nulstil/${token}`;
}

/** A user's one-time password link (sent by an admin): internal, like the reminder, so no unsubscribe footer. */
function passwordReset(p: PasswordResetPayload, links: MailLinks): MailContent {
  const url = resetUrl(links.baseUrl, p.token);
  const subject = t("mail.reset.subject");
  const expires = t("mail.reset.expires", { expires: formatDateTime(p.expiresAt, "da") });
  const greeting = t("mail.reset.greeting", { name: p.name });
  const text = [greeting, "", t("mail.reset.lead"), "", t("mail.reset.action"), url, "", expires, t("mail.reset.notYou"), "", t("mail.regards"), "SUSI Tracker", "", `-- \n${t("mail.reset.footer")}`, ""].join("\n");
  const body = `<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(t("mail.reset.lead"))}</p>
<p><a href="${escapeHtml(url)}" style="display: inline-block; padding: 10px 16px; background: #0059b3; color: #fff; text-decoration: none;">${escapeHtml(t("mail.reset.button"))}</a></p>
<p>${escapeHtml(t("mail.reset.action"))} <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>
<p>${escapeHtml(expires)} ${escapeHtml(t("mail.reset.notYou"))}</p>
<p>${t("mail.regards")}<br>SUSI Tracker</p>`;
  const page = `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 640px;">
${body}
<hr style="border: 0; border-top: 1px solid #ccc; margin: 2em 0 1em;">
<p style="font-size: 14px; color: #555;">${escapeHtml(t("mail.reset.footer"))}</p>
</body></html>`;
  return { subject, text, html: page, headers: { "Auto-Submitted": "auto-generated" } };
}

/** Renders one outbox row's payload. Throws on a payload that does not fit its kind (the row is then dead). */
export function renderMail(kind: OutboxKind, payload: unknown, links: MailLinks): MailContent {
  const p = payload as Record<string, unknown> | null;
  if (kind === "confirm" && typeof p?.confirmToken === "string") return confirmation(p as unknown as ConfirmPayload, links);
  if (kind === "notice" && p?.release && typeof p.release === "object") return notice(p as unknown as NoticePayload, links);
  if (kind === "withdrawal" && p?.withdrawal && typeof p.withdrawal === "object") return withdrawal(p as unknown as WithdrawalPayload, links);
  if (kind === "notice" && p?.phaseChange && typeof p.phaseChange === "object") return phaseNotice(p as unknown as PhaseNoticePayload, links);
  if (kind === "digest" && Array.isArray(p?.releases)) return digest(p as unknown as DigestPayload, links);
  if (kind === "reminder" && typeof p?.conditionId === "number" && typeof p.dueDate === "string") return reminder(p as unknown as ReminderPayload, links);
  if (kind === "password_reset" && typeof p?.token === "string" && typeof p.expiresAt === "string") return passwordReset(p as unknown as PasswordResetPayload, links);
  throw new Error(`outbox payload does not fit kind ${kind}`);
}
