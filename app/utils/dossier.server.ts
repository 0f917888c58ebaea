// The dossier a steering-group decision is taken on, as one plain value: per criterion the verdict, evidence
// text and level of the submitted assessment, its overall assessment and recommendation, the phase's user
// involvement, the open conditions, and each SØM calculation's figures (net result, by payer, break-even, the
// chance of a positive result from the app's one seeded Monte Carlo run) with the SØM warning. The decision
// page shows it live; recording the decision stores it as JSON in the same transaction, and the decision's
// own page shows that frozen copy forever after.
import type { Executor } from "#db/client";
import { assessmentJudgementViews, type AssessmentJudgementViews } from "#db/queries/assessments";
import { danishDate } from "#db/queries/decisions";
import { assessmentFromPhase, dossierSources } from "#db/queries/dossier";
import { dueStanding, reminderDaysFrom, type DueStanding } from "#workflows/condition";
import type { EvidenceLevel, Judgement } from "#workflows/assessment";
import { gatesBetween, type Dimension, type Phase, type PhasePeriod } from "#workflows/phase-model";
import { somWarnings, type SomWarning } from "#workflows/som-warning";
import { SIMULATION_DRAWS, SIMULATION_SEED } from "~/components/som/uncertainty";
import { calculate, PAYERS, type Payer } from "~/som/engine";
import { simulate } from "~/som/montecarlo";

export interface DossierCriterion {
  criterionId: string;
  dimension: Dimension;
  judgement: Judgement | null;
  evidence: string;
  evidenceLevel: EvidenceLevel | null;
  justification: string;
}

export interface DossierCalculation {
  calculationId: number;
  versionId: number;
  versionNumber: number;
  title: string;
  scenario: string;
  /** Decimal strings in kroner, as the engine rounds them. */
  net: string;
  presentValueNet: string;
  benefitCostRatio: string | null;
  breakEvenYear: number | null;
  breakEvenSuccessRate: string | null;
  byPayer: Record<Payer, string>;
  /** Share of draws with a positive present value; null when the version states no spreads. */
  probabilityPositive: string | null;
  /** The version could not be calculated (it was saved by an older engine); its figures are absent. */
  failed: boolean;
}

export interface Dossier {
  phase: PhasePeriod;
  assessment: {
    id: number;
    fromPhase: PhasePeriod;
    toPhase: Phase;
    submittedAt: string | null;
    overallAssessment: string;
    recommendation: string;
    criteria: DossierCriterion[];
  } | null;
  /**
   * Who said what: each assessor's own judgement beside the consolidated one (issue 8: the dossier shows both
   * views), frozen with the decision. Null without an assessment, and in dossiers frozen before it was kept.
   */
  assessorViews: AssessmentJudgementViews | null;
  involvement: { who: string; how: string; whatChanged: string; createdAt: string }[];
  /** As they stood when the dossier was built: overdue shows as overdue (absent in dossiers frozen before). */
  openConditions: { id: number; text: string; owner: string; dueDate: string; standing?: DueStanding }[];
  calculations: DossierCalculation[];
  warnings: SomWarning[];
}

type Sources = Awaited<ReturnType<typeof dossierSources>>;

function calculationFigures(c: Sources["calculations"][number], withSimulation: boolean): DossierCalculation {
  const base = { calculationId: c.id, versionId: c.latest.id, versionNumber: c.latest.number, title: c.title, scenario: c.scenario };
  try {
    const r = calculate(c.latest.input);
    const probabilityPositive = c.latest.spreads && withSimulation
      ? simulate(c.latest.input, c.latest.spreads, { seed: SIMULATION_SEED, draws: SIMULATION_DRAWS }).probabilityPositive
      : null;
    return {
      ...base, failed: false,
      net: r.summary.net, presentValueNet: r.summary.presentValueNet,
      benefitCostRatio: r.summary.benefitCostRatio === "n/a" || r.summary.benefitCostRatio === "" ? null : r.summary.benefitCostRatio,
      breakEvenYear: r.summary.breakEvenYear, breakEvenSuccessRate: r.summary.breakEvenSuccessRate,
      byPayer: Object.fromEntries(PAYERS.map((p) => [p, r.byPayer[p].net])) as Record<Payer, string>,
      probabilityPositive,
    };
  } catch {
    return {
      ...base, failed: true, net: "0", presentValueNet: "0", benefitCostRatio: null, breakEvenYear: null, breakEvenSuccessRate: null,
      byPayer: { kommune: "0", region: "0", stat: "0" }, probabilityPositive: null,
    };
  }
}

/**
 * The dossier as it stands now, for an initiative in `phase` on the assessment `assessmentId` (or none).
 * `simulate: false` leaves out the Monte Carlo run (the chance of a positive result is then null): for the
 * warnings alone, which need only the present value and the benefit-cost ratio.
 */
export async function buildDossier(
  db: Executor, initiativeId: number, phase: PhasePeriod, assessmentId: number | null, opts: { simulate?: boolean } = {},
): Promise<Dossier> {
  const s = await dossierSources(db, initiativeId, phase, assessmentId);
  const today = danishDate(new Date().toISOString());
  const a = s.assessment;
  const criteria: DossierCriterion[] = a
    ? gatesBetween(a.from_phase, a.to_phase).flatMap((g) => g.criteria).map((c) => {
        const j = a.judgements.find((x) => x.criterion_id === c.id);
        return {
          criterionId: c.id, dimension: c.dimension, judgement: j?.judgement ?? null, evidence: j?.evidence ?? "",
          evidenceLevel: j?.evidence_level ?? null, justification: j?.justification ?? "",
        };
      })
    : [];
  const calculations = s.calculations.map((c) => calculationFigures(c, opts.simulate ?? true));
  const assessorViews = a ? ((await assessmentJudgementViews(db, a.id)) ?? null) : null;
  return {
    phase,
    assessment: a
      ? { id: a.id, fromPhase: a.from_phase, toPhase: a.to_phase, submittedAt: a.submitted_at, overallAssessment: a.overall_assessment, recommendation: a.recommendation, criteria }
      : null,
    assessorViews,
    involvement: s.involvement.map((i) => ({ who: i.who, how: i.how, whatChanged: i.what_changed, createdAt: i.created_at })),
    openConditions: s.openConditions.map((c) => ({
      id: c.id, text: c.text, owner: c.owner, dueDate: c.due_date,
      standing: dueStanding({ status: c.status, state: c.state, dueDate: c.due_date }, today, reminderDaysFrom(process.env.CONDITION_REMINDER_DAYS)),
    })),
    calculations,
    warnings: somWarnings(criteria, calculations.filter((c) => !c.failed)),
  };
}

/** A stored dossier, read defensively: a value that is not one shows as none rather than breaking the page. */
export function parseDossier(json: string | null): Dossier | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as Partial<Dossier>;
    if (!v || typeof v !== "object" || !Array.isArray(v.calculations) || !Array.isArray(v.involvement) || !Array.isArray(v.openConditions)) return null;
    return { warnings: [], assessorViews: null, ...v } as Dossier;
  } catch {
    return null;
  }
}

/**
 * The SØM warnings for one assessment (for the assessment page: `<SomWarnings warnings={…} />` from
 * app/components/dossier.tsx): its economy criteria judged met against the SØM figures of its phase.
 */
export async function assessmentSomWarnings(db: Executor, initiativeId: number, assessmentId: number): Promise<SomWarning[]> {
  const fromPhase = await assessmentFromPhase(db, initiativeId, assessmentId);
  return fromPhase ? (await buildDossier(db, initiativeId, fromPhase, assessmentId, { simulate: false })).warnings : [];
}
