// The one home for a workflow's refusal in words: a refusal value (tagged with the workflow it came from)
// becomes a sentence in the reader's language naming the rule, criterion or field, and, where it is about
// one form field, that field's name so the message can stand beside it. Pages and mails both use it.
// The words themselves are in the feature dictionaries (decision.refusal.*, assessment.refused.*,
// releases.refusal.*, somx.refusal.*); only this module picks the key and fills in its parameters.
import type { AssessmentRefusal } from "#workflows/assessment";
import type { DecisionRefusal, Outcome } from "#workflows/decision";
import { getCriterion, getGate, type Phase, type PhasePeriod } from "#workflows/phase-model";
import type { LoginRefusal } from "#workflows/login-throttle";
import type { MeetingRefusal } from "#workflows/meeting";
import type { ConditionRefusal } from "#workflows/condition";
import type { CorrectionRefusal } from "#workflows/correction";
import type { ContentField, ReleaseRefusal } from "#workflows/release";
import type { UserAdminRefusal } from "#workflows/user-admin";
import type { ExperienceRefusal } from "#workflows/som-experience";
import { resolutionField } from "~/schemas/decision";
import { formatDate, formatDateTime } from "./format";
import { translator, type Lang, type Translate } from "./index";

/** Why no assessment can be started, or a step of one refused (workflows/assessment.ts startRefusal and the rest). */
export type AssessmentStartRefusal = AssessmentRefusal;

/** A refusal and the workflow it came from (codes are only unique within one workflow). */
export type AnyRefusal =
  | {
      kind: "decision";
      refusal: DecisionRefusal;
      /** The outcome asked for ("Go" …): the message starts "Go er ikke muligt: …"; null for a page's own notice. */
      outcome?: Outcome | null;
      /** The phase the decision is taken in, and the phase asked for. */
      from: PhasePeriod;
      target?: Phase | null;
    }
  | { kind: "assessment"; refusal: AssessmentStartRefusal }
  | { kind: "release"; refusal: ReleaseRefusal }
  | { kind: "login"; refusal: LoginRefusal }
  | { kind: "userAdmin"; refusal: UserAdminRefusal }
  | { kind: "correction"; refusal: CorrectionRefusal }
  | { kind: "condition"; refusal: ConditionRefusal }
  | { kind: "meeting"; refusal: MeetingRefusal }
  | { kind: "somExperience"; refusal: ExperienceRefusal };

/** A refusal as one sentence in the reader's language, e.g. "Du kan ikke kvalitetssikre din egen udgivelse." */
export function refusalText(r: AnyRefusal, lang: Lang): string {
  const t = translator(lang);
  switch (r.kind) {
    case "decision":
      return decisionText(t, lang, r);
    case "assessment":
      return assessmentText(t, lang, r.refusal);
    case "release":
      return releaseText(t, r.refusal);
    case "login":
      // Minutes, rounded up: "prøv igen om 15 minutter".
      return t(`account.refusal.${r.refusal.code}`, { minutes: Math.max(1, Math.ceil(r.refusal.retryAfterSeconds / 60)) });
    case "userAdmin":
      return t(`account.refusal.${r.refusal.code}`);
    case "correction":
      return correctionText(t, r.refusal);
    case "condition":
      return r.refusal.code === "condition_resolved"
        ? t("condition.refusal.condition_resolved", { status: t(`conditionStatus.${r.refusal.status}`) })
        : t(`condition.refusal.${r.refusal.code}`);
    case "meeting":
      return meetingText(t, r.refusal);
    case "somExperience":
      return t(`somx.refusal.${r.refusal.code}`);
  }
}

/** The form field a refusal is about, so the message can stand beside it; undefined for whole-form refusals. */
export function refusalField(r: AnyRefusal): string | undefined {
  switch (r.kind) {
    case "decision":
      return decisionField(r.refusal);
    case "assessment":
      return undefined;
    case "release":
      return releaseField(r.refusal);
    case "login":
    case "userAdmin":
      return undefined;
    case "correction":
      return correctionField(r.refusal);
    case "condition":
      return CONDITION_FIELDS[r.refusal.code];
    case "meeting":
      return meetingField(r.refusal);
    case "somExperience":
      return undefined;
  }
}

/**
 * Refusals as conform's reply errors, with their texts: those about a field the answering form has
 * (`formFields`; all fields when omitted) go beside that field, the rest into the form-level summary.
 */
export function refusalErrors(refusals: AnyRefusal[], lang: Lang, formFields?: readonly string[]) {
  const messages = refusals.map((r) => refusalText(r, lang));
  const formErrors: string[] = [];
  const fieldErrors: Record<string, string[]> = {};
  refusals.forEach((r, i) => {
    const field = refusalField(r);
    if (field && (!formFields || formFields.includes(field))) (fieldErrors[field] ??= []).push(messages[i]);
    else formErrors.push(messages[i]);
  });
  return { messages, formErrors, fieldErrors };
}

function decisionText(t: Translate, lang: Lang, r: Extract<AnyRefusal, { kind: "decision" }>): string {
  const { refusal } = r;
  const prefix = r.outcome ? t("decision.refusal.prefix", { outcome: t(`outcome.${r.outcome}`) }) : "";
  const from = t(`phase.${r.from}`);
  const to = r.target ? t(`phase.${r.target}`) : "";
  const criterion = (id: string) => getCriterion(id)?.[lang] ?? id;
  const key = `decision.refusal.${refusal.code}`;
  let message: string;
  switch (refusal.code) {
    case "initiative_closed":
      message = t(key, { status: t(`status.${refusal.status}`) });
      break;
    case "target_not_ahead":
      message = t(key, { prefix, target: t(`phase.${refusal.targetPhase}`), phase: from });
      break;
    case "assessment_missing":
    case "assessment_not_submitted":
      message = t(key, { prefix, from, to });
      break;
    case "assessment_wrong_gate":
      message = t(key, { prefix, from, to, assessmentFrom: t(`phase.${refusal.assessmentFrom}`), assessmentTo: t(`phase.${refusal.assessmentTo}`) });
      break;
    case "criterion_not_met":
      message = t(key, { prefix, criterion: criterion(refusal.criterionId), judgement: t(`judgement.${refusal.judgement ?? "none"}`) });
      break;
    case "justification_missing":
      message = t(key, { prefix, criterion: criterion(refusal.criterionId) });
      break;
    case "condition_incomplete":
      message = t(`${key}.${refusal.field}`, { n: refusal.index + 1 });
      break;
    case "open_condition_unresolved":
      message = t(key, { text: refusal.text });
      break;
    case "successor_agreement_not_new":
      message = t(key, { year: refusal.year });
      break;
    case "outcome_method_name_missing":
      message = t(key, { n: refusal.index + 1 });
      break;
    default:
      message = t(key);
  }
  return message.charAt(0).toUpperCase() + message.slice(1);
}

function decisionField(r: DecisionRefusal): string | undefined {
  switch (r.code) {
    case "rationale_missing":
      return "rationale";
    case "target_missing":
    case "target_not_ahead":
      return "targetPhase";
    case "conditions_missing":
    case "conditions_not_allowed":
    case "condition_incomplete":
      return "conditions";
    case "open_condition_unresolved":
      return resolutionField(r.conditionId);
    case "continuation_needs_go":
      return "continuation";
    case "successor_title_missing":
      return "successorTitle";
    case "successor_agreement_missing":
    case "successor_agreement_not_new":
      return "successorAgreementYear";
    case "outcome_reason_missing":
    case "outcome_reason_not_allowed":
      return "outcomeReason";
    case "outcome_methods_missing":
      return "methodsNotPassed";
    case "outcome_method_name_missing":
      return "methodsPassed";
    default:
      return undefined;
  }
}

function assessmentText(t: Translate, lang: Lang, r: AssessmentStartRefusal): string {
  switch (r.code) {
    case "criterion_unjudged":
    case "evidence_missing":
    case "unknown_criterion": {
      const c = getCriterion(r.criterionId);
      const criterion = c ? c[lang] : r.criterionId;
      const gate = c ? gateLabel(t, getGate(c.gate)) : "";
      const fields = r.code === "evidence_missing"
        ? new Intl.ListFormat(lang, { type: "conjunction" }).format(r.missing.map((f, i) => (i === 0 ? t(`assessment.field.${f}`) : t(`assessment.field.${f}`).toLocaleLowerCase(lang))))
        : "";
      return t(`assessment.refused.${r.code}`, { criterion, gate, fields });
    }
    case "no_gate":
      return t("assessment.refused.no_gate", { from: t(`phase.${r.fromPhase}`), to: t(`phase.${r.toPhase}`) });
    case "closed":
      return t("assessment.refused.closed", { status: t(`status.${r.status}`) });
    default:
      return t(`assessment.refused.${r.code}`);
  }
}

function gateLabel(t: Translate, gate: { from: PhasePeriod; to: Phase }) {
  return t("assessment.gate", { from: t(`phase.${gate.from}`), to: t(`phase.${gate.to}`) });
}

function releaseText(t: Translate, r: ReleaseRefusal): string {
  switch (r.code) {
    case "field_missing":
    case "field_invalid":
      return t(`releases.refusal.${r.code}`, { field: t(`releases.field.${r.field}`) });
    case "field_too_long":
      return t("releases.refusal.field_too_long", { field: t(`releases.field.${r.field}`), max: r.max });
    case "wrong_status":
      return t("releases.refusal.wrong_status", {
        status: t(`releaseStatus.${r.status}`),
        allowed: r.allowed.map((s) => t(`releaseStatus.${s}`)).join(", "),
      });
    case "reviewer_is_author":
      return t(`releases.refusal.reviewer_is_author.${r.as}`);
    case "previous_edition_required":
      return t("releases.refusal.previous_edition_required", { edition: r.edition });
    case "previous_not_published":
      return t("releases.refusal.previous_not_published", { status: t(`releaseStatus.${r.status}`) });
    case "edition_mismatch":
      return t("releases.refusal.edition_mismatch", { expected: r.expected, actual: r.actual });
    case "not_due":
      return t("releases.refusal.not_due", { at: formatDateTime(r.at, t.lang) });
    default:
      return t(`releases.refusal.${r.code}`);
  }
}

// The release form's field names are the content fields' own names.
const RELEASE_FIELDS: Record<ContentField, string> = {
  title: "title", summary: "summary", bodyMarkdown: "bodyMarkdown", audiences: "audiences", areas: "areas", topics: "topics", maturity: "maturity",
  changeNote: "changeNote",
};

function releaseField(r: ReleaseRefusal): string | undefined {
  switch (r.code) {
    case "field_missing":
    case "field_invalid":
    case "field_too_long":
      return RELEASE_FIELDS[r.field];
    case "force_reason_missing":
    case "withdraw_reason_missing":
      return "reason";
    case "return_comment_missing":
      return "comment";
    case "schedule_in_past":
    case "schedule_invalid":
      return "publishAt";
    default:
      return undefined;
  }
}

function correctionText(t: Translate, r: CorrectionRefusal): string {
  switch (r.code) {
    case "reason_too_short":
      return t("correction.refusal.reason_too_short", { min: r.min });
    case "reason_too_long":
      return t("correction.refusal.reason_too_long", { max: r.max });
    case "value_invalid":
      return t("correction.refusal.value_invalid", { field: t(`correction.${r.field}`) });
    default:
      return t(`correction.refusal.${r.code}`);
  }
}

function correctionField(r: CorrectionRefusal): string | undefined {
  switch (r.code) {
    case "reason_missing":
    case "reason_too_short":
    case "reason_too_long":
      return "reason";
    case "value_invalid":
      return r.field;
    default:
      return undefined;
  }
}

const CONDITION_FIELDS: Partial<Record<ConditionRefusal["code"], string>> = {
  owner_invalid: "ownerId", due_invalid: "dueDate", state_invalid: "state", waive_steering_only: "state", note_missing: "note",
};

function meetingText(t: Translate, r: MeetingRefusal): string {
  switch (r.code) {
    case "no_quorum":
      return t(`meeting.refusal.no_quorum.${r.rule.kind}`, { present: r.present, required: r.required, group: r.groupSize });
    case "meeting_ahead":
      return t("meeting.refusal.meeting_ahead", { date: formatDate(r.date, t.lang) });
    case "title_too_long":
      return t("meeting.refusal.title_too_long", { max: r.max });
    case "member_not_in_group":
      return t("meeting.refusal.member_not_in_group", { id: r.userId });
    default:
      return t(`meeting.refusal.${r.code}`);
  }
}

function meetingField(r: MeetingRefusal): string | undefined {
  switch (r.code) {
    case "date_invalid":
      return "date";
    case "chair_not_member":
      return "chairId";
    case "title_too_long":
      return "title";
    case "member_not_in_group":
    case "attendance_empty":
      return "present";
    case "already_on_agenda":
      return "initiativeId";
    case "dissent_reason_missing":
      return "reason";
    case "meeting_required":
    case "meeting_not_held":
    case "meeting_ahead":
    case "no_quorum":
    case "not_on_agenda":
    case "not_chair":
      return "meetingId";
    default:
      return undefined;
  }
}
