// Words for knowledge releases that more than one route needs: the Markdown a new draft is prefilled with from
// the public facts of the initiative and its decision, and the internal texts shown beside the editor. A
// workflow refusal's words come from app/i18n/refusals.ts.
import type { ReleaseFacts } from "#db/queries/release-facts";
import { getCriterion } from "#workflows/phase-model";
import type { Maturity, ReleaseContent } from "#workflows/release";
import { translator, type Translate } from "~/i18n";
import { formatDate } from "~/i18n/format";

/**
 * The maturity a draft starts with, from the phase the knowledge comes from: before a trial it is preliminary,
 * from a trial on it has been tried out. "Documented effect" is never suggested: that claim is the writer's.
 */
export function suggestedMaturity(phase: ReleaseFacts["phase"]): Maturity {
  return phase === "trial" || phase === "dissemination" ? "tested" : "preliminary";
}

/**
 * A new draft's content from the public facts of an initiative's phase: the initiative, its area and agreement,
 * the phase, what the steering group decided (the outcome and its date, not its reasoning) and a suggested
 * maturity. The SUSI assessment's texts, its recommendation and the group's rationale are internal: they are
 * offered beside the editor (internalReference) and never written into the public body. Releases are written
 * in Danish (the portal's language), so the prefill is Danish whatever language the writer's screen is in.
 * The writing prompts are HTML comments; a heading left with only its prompt never reaches the public page
 * (renderMarkdown drops empty sections).
 */
export function composeReleaseDraft(facts: ReleaseFacts): ReleaseContent {
  const t = translator("da");
  const { initiative, phase, decision } = facts;
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
  if (stopped) lines.push("", `## ${t("releases.prefill.whyStopped")}`, "", `<!-- ${t("releases.prefill.whyStoppedHint")} -->`);
  lines.push("", `## ${t("releases.prefill.learned")}`, "", `<!-- ${t("releases.prefill.learnedHint")} -->`);

  const params = { initiative: initiative.title, phase: phaseName.toLocaleLowerCase("da-DK") };
  return {
    title: t(stopped ? "releases.prefill.titleStopped" : "releases.prefill.title", params).slice(0, 200),
    summary: t(stopped ? "releases.prefill.summaryStopped" : "releases.prefill.summary", params).slice(0, 1000),
    bodyMarkdown: lines.join("\n"),
    audiences: ["municipalities"],
    areas: [initiative.area],
    topics: [],
    maturity: suggestedMaturity(phase),
    changeNote: "",
  };
}

export interface InternalReference {
  decision: { outcome: string; decidedAt: string; rationale: string } | null;
  assessment: {
    overall: string;
    recommendation: string;
    criteria: { criterion: string; judgement: string; justification: string }[];
  } | null;
}

/**
 * What the decision and the SUSI assessment said internally, for the read-only panel beside the editor: the
 * writer reads it and writes for municipalities in their own words. Criterion names in the reader's language.
 */
export function internalReference(facts: ReleaseFacts | undefined, t: Translate): InternalReference | null {
  if (!facts || (!facts.decision && !facts.assessment)) return null;
  const { decision, assessment } = facts;
  return {
    decision: decision ? { outcome: t(`outcome.${decision.outcome}`), decidedAt: decision.decided_at, rationale: decision.rationale } : null,
    assessment: assessment ? {
      overall: assessment.overall_assessment,
      recommendation: assessment.recommendation,
      criteria: assessment.judgements.map((j) => {
        const c = getCriterion(j.criterion_id);
        return { criterion: (c ? c[t.lang === "en" ? "en" : "da"] : undefined) ?? j.criterion_id, judgement: t(`judgement.${j.judgement}`), justification: j.justification.trim() };
      }),
    } : null,
  };
}
