// Refusal texts come from one module (app/i18n/refusals.ts), for every workflow's refusals.
import { describe, expect, it } from "vitest";
import type { AssessmentRefusal } from "#workflows/assessment";
import type { DecisionRefusal } from "#workflows/decision";
import { getGate } from "#workflows/phase-model";
import type { ReleaseRefusal } from "#workflows/release";
import type { ExperienceRefusal } from "#workflows/som-experience";
import { LANGS } from "~/i18n";
import { refusalErrors, refusalField, refusalText, type AnyRefusal } from "~/i18n/refusals";

const criterion = getGate("toMaturation").criteria[0];
const criterionId = criterion.id;

const decision: DecisionRefusal[] = [
  { code: "initiative_closed", status: "stopped" }, { code: "dissemination_terminal" }, { code: "rationale_missing" },
  { code: "target_missing" }, { code: "target_not_ahead", targetPhase: "trial" }, { code: "assessment_missing" },
  { code: "assessment_not_submitted" }, { code: "assessment_wrong_gate", assessmentFrom: "maturation", assessmentTo: "trial" },
  { code: "criterion_not_met", criterionId, judgement: "not_met" }, { code: "justification_missing", criterionId },
  { code: "track_missing" }, { code: "track_reason_missing" }, { code: "prototype_missing" }, { code: "conditions_missing" },
  { code: "condition_incomplete", index: 0, field: "owner" }, { code: "conditions_not_allowed" },
  { code: "open_condition_unresolved", conditionId: 7, text: "Budget" },
  { code: "continuation_needs_go" }, { code: "successor_title_missing" }, { code: "successor_agreement_missing" },
  { code: "successor_agreement_not_new", year: 2024 }, { code: "outcome_reason_missing" }, { code: "outcome_reason_not_allowed" },
  { code: "outcome_methods_missing" }, { code: "outcome_method_name_missing", index: 0 },
];
const assessment: AssessmentRefusal[] = [
  { code: "no_gate", fromPhase: "maturation", toPhase: "maturation" as never }, { code: "dissemination_no_assessment" },
  { code: "already_submitted" }, { code: "criterion_unjudged", criterionId }, { code: "evidence_missing", criterionId, missing: ["evidence"] },
  { code: "overall_missing" }, { code: "recommendation_missing" }, { code: "unknown_criterion", criterionId: "x.y" },
];
const release: ReleaseRefusal[] = [
  { code: "field_missing", field: "title" }, { code: "field_too_long", field: "summary", max: 1000 },
  { code: "field_invalid", field: "areas", value: "?" }, { code: "not_knowledge_staff", role: "viewer" },
  { code: "wrong_status", status: "published", allowed: ["draft"] }, { code: "reviewer_is_author", as: "author" },
  { code: "reviewer_is_force_publisher" }, { code: "not_awaiting_review" }, { code: "force_reason_missing" },
  { code: "return_comment_missing" }, { code: "withdraw_reason_missing" }, { code: "edition_kind_not_applicable" },
  { code: "previous_edition_required", edition: 2 }, { code: "not_a_later_edition" },
  { code: "previous_not_published", status: "draft" }, { code: "edition_mismatch", expected: 2, actual: 3 },
];
const experience: ExperienceRefusal[] = [{ code: "not_publisher" }, { code: "withdrawn" }, { code: "already_published" }];
const all: AnyRefusal[] = [
  ...decision.map((refusal) => ({ kind: "decision" as const, refusal, outcome: "go" as const, from: "maturation" as const, target: "trial" as const })),
  ...assessment.map((refusal) => ({ kind: "assessment" as const, refusal })),
  { kind: "assessment", refusal: { code: "closed", status: "completed" } },
  ...release.map((refusal) => ({ kind: "release" as const, refusal })),
  ...experience.map((refusal) => ({ kind: "somExperience" as const, refusal })),
];

describe("refusal texts", () => {
  it.each(LANGS)("has words for every refusal in %s, with no key or placeholder left showing", (lang) => {
    for (const r of all) {
      const text = refusalText(r, lang);
      expect(text, JSON.stringify(r)).not.toMatch(/(decision\.refusal|assessment\.refused|releases\.refusal|somx\.refusal|phase|status|outcome)\.[a-z_]+|\{[a-z]+\}/i);
      expect(text.length).toBeGreaterThan(5);
    }
  });

  it("names the outcome, criterion and status it is about", () => {
    const r = all.find((x) => x.kind === "decision" && x.refusal.code === "criterion_not_met")!;
    expect(refusalText(r, "da")).toMatch(/^Go afvist: kriteriet '.+' er ikke opfyldt/);
    expect(refusalText(r, "en")).toMatch(/^Go refused: the criterion '.+' is not met/);
    expect(refusalText({ kind: "assessment", refusal: { code: "closed", status: "completed" } }, "da")).toContain("«Afsluttet»");
    expect(refusalText({ kind: "release", refusal: { code: "reviewer_is_author", as: "author" } }, "en")).toBe("You cannot review your own release.");
  });

  it("puts field refusals beside their field and the rest in the summary", () => {
    const rs: AnyRefusal[] = [
      { kind: "decision", refusal: { code: "rationale_missing" }, from: "maturation" },
      { kind: "decision", refusal: { code: "open_condition_unresolved", conditionId: 7, text: "Budget" }, from: "maturation" },
      { kind: "decision", refusal: { code: "track_missing" }, from: "maturation" },
    ];
    expect(refusalField(rs[1])).toBe("resolution-7");
    const { fieldErrors, formErrors, messages } = refusalErrors(rs, "da");
    expect(Object.keys(fieldErrors).sort()).toEqual(["rationale", "resolution-7"]);
    expect(formErrors).toEqual([messages[2]]);
    expect(refusalErrors(rs, "da", ["rationale"]).formErrors).toHaveLength(2);
  });

  it("names the criterion and its gate for an assessment", () => {
    expect(refusalText({ kind: "assessment", refusal: { code: "evidence_missing", criterionId, missing: ["evidence", "evidenceLevel"] } }, "da"))
      .toBe(`Dokumentation og evidensniveau for '${criterion.da}' (Screening → Modning): skal udfyldes.`);
    expect(refusalText({ kind: "assessment", refusal: { code: "evidence_missing", criterionId, missing: ["evidence"] } }, "da"))
      .toBe(`Dokumentation for '${criterion.da}' (Screening → Modning): skal udfyldes.`);
  });
});
