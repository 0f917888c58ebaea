// Words for knowledge releases that more than one route needs: a workflow refusal in the reader's language and
// which form field it belongs to (both from app/i18n/refusals.ts), and the Markdown a new draft is prefilled
// with from what the initiative, the decision and the SUSI assessment say.
import type { ReleaseFacts } from "#db/queries/release-facts";
import { getCriterion } from "#workflows/phase-model";
import type { ReleaseContent, ReleaseRefusal } from "#workflows/release";
import { translator, type Translate } from "~/i18n";
import { formatDate } from "~/i18n/format";
import { refusalField, refusalText } from "~/i18n/refusals";

// Refusal texts live in app/i18n/refusals.ts; these two keep the release pages' calls as they were.

/** One refusal as a sentence, e.g. "Du kan ikke kvalitetssikre din egen udgivelse." */
export function releaseRefusalMessage(r: ReleaseRefusal, t: Translate): string {
  return refusalText({ kind: "release", refusal: r }, t.lang);
}

/**
 * Refusals as conform's reply errors: those about a field the answering form has go beside that field,
 * the rest (a rule, or a field of another form) into the form-level summary.
 */
export function refusalErrors(refusals: ReleaseRefusal[], messages: string[], formFields: readonly string[]) {
  const formErrors: string[] = [];
  const fieldErrors: Record<string, string[]> = {};
  refusals.forEach((refusal, i) => {
    const field = refusalField({ kind: "release", refusal });
    if (field && formFields.includes(field)) (fieldErrors[field] ??= []).push(messages[i]);
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
