// Words for knowledge releases that more than one route needs: a workflow refusal in the reader's language
// (naming the rule or the field), which form field a refusal belongs to, and the Markdown a new draft is
// prefilled with from what the initiative, the decision and the SUSI assessment say.
import type { ReleaseFacts } from "#db/queries/releases";
import { getCriterion } from "#workflows/phase-model";
import type { ContentField, ReleaseContent, ReleaseRefusal } from "#workflows/release";
import { formatDate, translator, type Translate } from "~/i18n";

const FIELD_NAMES: Record<ContentField, string> = {
  title: "title",
  summary: "summary",
  bodyMarkdown: "bodyMarkdown",
  audiences: "audiences",
  area: "area",
  topics: "topics",
  maturity: "maturity",
};

/** One refusal as a sentence, e.g. "Du kan ikke kvalitetssikre din egen udgivelse." */
export function releaseRefusalMessage(r: ReleaseRefusal, t: Translate): string {
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
    case "not_knowledge_staff":
      return t("releases.refusal.not_knowledge_staff");
    default:
      return t(`releases.refusal.${r.code}`);
  }
}

/** The form field a refusal is about, so the message can stand beside it; undefined for whole-form refusals. */
export function releaseRefusalField(r: ReleaseRefusal): string | undefined {
  switch (r.code) {
    case "field_missing":
    case "field_invalid":
    case "field_too_long":
      return FIELD_NAMES[r.field];
    case "force_reason_missing":
    case "withdraw_reason_missing":
      return "reason";
    case "return_comment_missing":
      return "comment";
    default:
      return undefined;
  }
}

/**
 * Refusals as conform's reply errors: those about a field the answering form has go beside that field,
 * the rest (a rule, or a field of another form) into the form-level summary.
 */
export function refusalErrors(refusals: ReleaseRefusal[], messages: string[], formFields: readonly string[]) {
  const formErrors: string[] = [];
  const fieldErrors: Record<string, string[]> = {};
  refusals.forEach((r, i) => {
    const field = releaseRefusalField(r);
    if (field && formFields.includes(field)) fieldErrors[field] = [...(fieldErrors[field] ?? []), messages[i]];
    else formErrors.push(messages[i]);
  });
  return { formErrors, fieldErrors };
}

/**
 * A new draft's content from the facts of an initiative's phase. Releases are written in Danish (the
 * portal's language), so the prefill is Danish whatever language the knowledge staff's screen is in.
 * Area defaults to the initiative's programme; audiences to municipalities; maturity is left for the
 * knowledge staff to choose, since it is a claim made to the public.
 */
export function composeReleaseDraft(facts: ReleaseFacts): ReleaseContent {
  const t = translator("da");
  const { initiative, phase, decision, assessment } = facts;
  const phaseName = t(`phase.${phase}`);
  const stopped = decision?.outcome === "stop" || initiative.status === "stopped";
  const lines: string[] = [];
  lines.push(`## ${t("releases.prefill.about")}`, "");
  lines.push(`- **${t("releases.prefill.initiative")}:** ${initiative.title}`);
  lines.push(`- **${t("releases.prefill.area")}:** ${t(`area.${initiative.area}`)}`);
  if (initiative.agreement_label) lines.push(`- **${t("releases.prefill.agreement")}:** ${initiative.agreement_label}`);
  lines.push(`- **${t("releases.prefill.phase")}:** ${phaseName}`);
  if (decision) {
    lines.push(`- **${t("releases.prefill.decision")}:** ${t(`outcome.${decision.outcome}`)} (${formatDate(decision.decided_at, "da")})`);
  }
  if (decision?.rationale) lines.push("", `### ${t("releases.prefill.rationale")}`, "", decision.rationale);
  if (assessment?.overall_assessment) lines.push("", `## ${t("releases.prefill.overall")}`, "", assessment.overall_assessment);
  if (assessment?.recommendation) lines.push("", `## ${t("releases.prefill.recommendation")}`, "", assessment.recommendation);
  if (assessment && assessment.judgements.length) {
    lines.push("", `## ${t("releases.prefill.criteria")}`, "");
    for (const j of assessment.judgements) {
      const criterion = getCriterion(j.criterion_id)?.da ?? j.criterion_id;
      const why = j.justification.trim() ? ` ${j.justification.trim()}` : "";
      lines.push(`- **${criterion}:** ${t(`judgement.${j.judgement}`)}.${why}`);
    }
  }
  // The writing prompts are HTML comments: the writer sees them in the editor, the sanitiser drops them, so a
  // prompt left in by mistake never reaches the public page.
  if (stopped) lines.push("", `## ${t("releases.prefill.whyStopped")}`, "", `<!-- ${t("releases.prefill.whyStoppedHint")} -->`);
  lines.push("", `## ${t("releases.prefill.learned")}`, "", `<!-- ${t("releases.prefill.learnedHint")} -->`);

  const summary = assessment?.overall_assessment.trim()
    || t(stopped ? "releases.prefill.summaryStopped" : "releases.prefill.summary", { initiative: initiative.title, phase: phaseName.toLocaleLowerCase("da-DK") });
  return {
    title: t(stopped ? "releases.prefill.titleStopped" : "releases.prefill.title", { initiative: initiative.title, phase: phaseName.toLocaleLowerCase("da-DK") }).slice(0, 200),
    summary: summary.slice(0, 1000),
    bodyMarkdown: lines.join("\n"),
    audiences: ["municipalities"],
    area: initiative.area,
    topics: [],
    maturity: null,
  };
}
