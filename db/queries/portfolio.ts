// The portfolio: the whole programme at a glance. Every query takes the initiative list's filters and
// applies them with the list's own `applyFilters`, so a figure here always matches the filtered list.
// Set-based throughout (a handful of queries per view, never one per initiative).
import { sql, type Expression, type SqlBool } from "kysely";
import type { Executor } from "../client";
import type { Area } from "../schema";
import { ALL_CRITERIA, PHASES, type PhasePeriod } from "../../workflows/phase-model";
import type { InitiativeStatus, Outcome } from "../../workflows/decision";
import type { EvidenceLevel } from "../../workflows/assessment";
import { applyFilters, type InitiativeFilters } from "./initiatives";
import type { FunnelRow, OutcomeKind } from "./portfolio-shared";
import { appendHistory } from "./history";

export type PortfolioFilters = InitiativeFilters;
export { NOT_CARRIED_ON, OUTCOME_KINDS, sumFunnel, type FunnelRow, type OutcomeKind } from "./portfolio-shared";

/**
 * The outcome as one SQL CASE over the row of `initiatives`: the source's text for the imported initiatives,
 * then an ended initiative's recorded phase outcome, then its status, Stop decisions and successors. Order
 * matters: "indstilles ikke" before "indstilles til", COVID / partly implemented before the general "Nej". lower() folds ASCII only, which
 * is enough: every keyword below is matched on its ASCII-initial lower-case form as the source writes it.
 */
export function outcomeSql() {
  const so = sql`lower(initiatives.source_outcome)`;
  // An ended initiative's latest recorded phase outcome (DECISIONS 0094), as a steering group's decision
  // records it: not carried on for a reason from the fixed list, partly carried on, or recommended later.
  // Carried on needs no record here: a successor or the next phase says it. Looked up once per ended
  // initiative (in the coalesce below), by the (initiative_id, id) index.
  const recorded = sql<OutcomeKind | null>`(select case
      when po.kind = 'not_carried_on' then case po.reason
        when 'criteria_not_met' then 'criteria_not_met'
        when 'not_fully_implemented' then 'not_implemented'
        when 'not_an_intervention' then 'not_intervention'
        when 'waiting_on_other' then 'waiting_on_other'
        else 'other_reason' end
      when po.kind = 'partly_carried_on' then 'partly_carried_on'
      when po.kind = 'recommended_later' then 'recommended_later'
    end
    from phase_outcomes po where po.initiative_id = initiatives.id order by po.id desc limit 1)`;
  return sql<OutcomeKind>`case
    when ${so} like 'ja%' then 'carried_on'
    when ${so} like '%indstilles ikke%' then 'not_recommended'
    when ${so} like '%indstilles til videreførelse%' then 'recommended_later'
    when ${so} like '%kan ikke videreføres%' then 'dissemination'
    when ${so} like '%covid%' or ${so} like '%ikke fuldt implementeret%' then 'not_implemented'
    when ${so} like '%definitionen af en indsats%' then 'not_intervention'
    when ${so} like 'nej%' then 'criteria_not_met'
    else coalesce(case when initiatives.status in ('stopped', 'completed') then ${recorded} end, case
      when initiatives.status = 'stopped' and exists (
        select 1 from decisions d where d.initiative_id = initiatives.id and d.outcome = 'stop'
      ) then 'stop_decision'
      when initiatives.status = 'stopped' then 'stopped_other'
      when initiatives.status = 'completed' and exists (
        select 1 from initiative_links l where l.predecessor_id = initiatives.id
      ) then 'carried_on'
      when initiatives.status = 'completed' and initiatives.phase = 'dissemination' then 'dissemination'
      when initiatives.status = 'completed' then 'completed'
      else 'running'
    end)
  end`;
}

/** The first agreement year of an initiative: its cohort. */
const firstYearSql = sql<number | null>`(select min(ia.year) from initiative_agreements ia where ia.initiative_id = initiatives.id)`;
const lastYearSql = sql<number | null>`(select max(ia.year) from initiative_agreements ia where ia.initiative_id = initiatives.id)`;
/** The sum of the known agreement budgets; null when no agreement has one. */
const budgetSql = sql<number | null>`(select sum(ia.budget_kr) from initiative_agreements ia where ia.initiative_id = initiatives.id)`;

/** Ids of the initiatives matching the filters, as a subquery. */
export function filteredIds(db: Executor, f: PortfolioFilters) {
  return applyFilters(db, db.selectFrom("initiatives").select("initiatives.id"), f);
}

// ---------------------------------------------------------------------------------------------------
// Headline figures

export interface Headline {
  total: number;
  byPhaseStatus: { phase: PhasePeriod; status: InitiativeStatus; n: number }[];
  byArea: { area: Area; n: number }[];
  /** An initiative funded by several agreements counts once under each. */
  byYear: { year: number; n: number }[];
  byOutcome: { outcome: OutcomeKind; n: number }[];
}

/** Sums `n` by a key, in the key's (binary) order, as SQL's GROUP BY would list them. */
function sumBy<T extends { n: number }, K extends string>(rows: readonly T[], key: (r: T) => K): { key: K; n: number }[] {
  const sums = new Map<K, number>();
  for (const r of rows) sums.set(key(r), (sums.get(key(r)) ?? 0) + r.n);
  return [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, n]) => ({ key: k, n }));
}

/**
 * Two queries: the filtered initiatives counted once by phase, status, area and outcome together (one
 * pass over the table, the outcome's correlated lookups included; the figures are sums of these groups),
 * and the agreement years, which count an initiative once per year.
 */
export async function headlineFigures(db: Executor, f: PortfolioFilters): Promise<Headline> {
  const base = () => applyFilters(db, db.selectFrom("initiatives"), f);
  const [groupRows, byYear] = await Promise.all([
    base().select(["initiatives.phase", "initiatives.status", "initiatives.area", outcomeSql().as("outcome"), (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy([sql`1`, sql`2`, sql`3`, sql`4`]).execute(),
    base().innerJoin("initiative_agreements as ia", "ia.initiative_id", "initiatives.id")
      .select(["ia.year", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("ia.year").orderBy("ia.year").execute(),
  ]);
  const groups = groupRows.map((r) => ({ phase: r.phase, status: r.status, area: r.area, outcome: r.outcome as OutcomeKind, n: Number(r.n) }));
  return {
    total: groups.reduce((s, g) => s + g.n, 0),
    byPhaseStatus: sumBy(groups, (g) => `${g.phase}|${g.status}`).map(({ key, n }) => {
      const [phase, status] = key.split("|") as [PhasePeriod, InitiativeStatus];
      return { phase, status, n };
    }),
    byArea: sumBy(groups, (g) => g.area).map(({ key, n }) => ({ area: key, n })),
    byYear: byYear.map((r) => ({ year: Number(r.year), n: Number(r.n) })),
    byOutcome: sumBy(groups, (g) => g.outcome).map(({ key, n }) => ({ outcome: key, n })),
  };
}

// ---------------------------------------------------------------------------------------------------
// Funnel: entered each phase, passed each gate, per area and per agreement cohort

/** The funnel's phases: a combined Screening/modning period counts as having entered both. */
export const FUNNEL_PHASES = PHASES;
/** Gate k lies between FUNNEL_PHASES[k - 1] and FUNNEL_PHASES[k] (k = 1, 2, 3). */
export const FUNNEL_GATES = [1, 2, 3] as const;

/** The phase's place in the model; Screening/modning stands where Modning does (it ends there). */
function phaseIndexSql(column: Expression<unknown>) {
  return sql<number>`case ${column}
    when 'screening' then 0 when 'screening_maturation' then 1 when 'maturation' then 1
    when 'trial' then 2 when 'dissemination' then 3 else -1 end`;
}

/**
 * One row per area and cohort (first agreement year). An initiative entered a phase when it has a phase
 * period in it or stands in it now. It passed gate k when a Go or Conditional Go took it across (from
 * before phase k to phase k or later: a skip passes every gate between), or when it was carried on as a
 * linked successor that stands at phase k or later (how the seeded UIP initiatives record it).
 */
export async function funnel(db: Executor, f: PortfolioFilters): Promise<FunnelRow[]> {
  // One query: per filtered initiative its cohort, the phases it entered, the gates its decisions took it
  // across and how far its successors got, each one grouped pass over its table; then summed per area and
  // cohort. (Correlated subqueries per initiative and gate took a quarter of a second on 10,000.)
  const ids = filteredIds(db, f);
  // Unfiltered, "in (all ids)" would only cost a lookup per row.
  const unfiltered = Object.values(f).every((v) => v === undefined || v === "");
  const within = (column: string) => (unfiltered ? sql`1 = 1` : sql`${sql.ref(column)} in (${ids})`);
  const idx = (column: string) => phaseIndexSql(sql.ref(column));
  const gate = (k: number) => sql`max(case when ${idx("d.from_phase")} < ${sql.lit(k)} and ${idx("d.to_phase")} >= ${sql.lit(k)} then 1 else 0 end)`;
  const passed = (k: number) => sql`sum(case when coalesce(dec.g${sql.raw(String(k))}, 0) = 1
    or (${idx("i.phase")} < ${sql.lit(k)} and coalesce(suc.reached, -1) >= ${sql.lit(k)}) then 1 else 0 end)`;
  const { rows } = await sql<{ area: Area; cohort: number | null; e0: number; e1: number; e2: number; e3: number; g1: number; g2: number; g3: number }>`
    select i.area as area, coh.cohort as cohort,
      sum(ent.e0) as e0, sum(ent.e1) as e1, sum(ent.e2) as e2, sum(ent.e3) as e3,
      ${passed(1)} as g1, ${passed(2)} as g2, ${passed(3)} as g3
    from initiatives i
    inner join (
      select p.initiative_id,
        max(case when p.phase in ('screening', 'screening_maturation') then 1 else 0 end) as e0,
        max(case when p.phase in ('maturation', 'screening_maturation') then 1 else 0 end) as e1,
        max(case when p.phase = 'trial' then 1 else 0 end) as e2,
        max(case when p.phase = 'dissemination' then 1 else 0 end) as e3
      from (
        select pp.initiative_id, pp.phase from phase_periods pp where ${within("pp.initiative_id")}
        union all
        select i2.id as initiative_id, i2.phase from initiatives i2 where ${within("i2.id")}
      ) p
      group by p.initiative_id
    ) ent on ent.initiative_id = i.id
    left join (
      select ia.initiative_id, min(ia.year) as cohort from initiative_agreements ia
      where ${within("ia.initiative_id")} group by ia.initiative_id
    ) coh on coh.initiative_id = i.id
    left join (
      select d.initiative_id, ${gate(1)} as g1, ${gate(2)} as g2, ${gate(3)} as g3 from decisions d
      where d.outcome in ('go', 'conditional_go') and ${within("d.initiative_id")} group by d.initiative_id
    ) dec on dec.initiative_id = i.id
    left join (
      select l.predecessor_id as initiative_id, max(${idx("s.phase")}) as reached
      from initiative_links l inner join initiatives s on s.id = l.successor_id
      where ${within("l.predecessor_id")} group by l.predecessor_id
    ) suc on suc.initiative_id = i.id
    group by i.area, coh.cohort`.execute(db);
  return rows
    .map((r): FunnelRow => ({
      area: r.area,
      cohort: r.cohort === null ? null : Number(r.cohort),
      entered: { screening: Number(r.e0), maturation: Number(r.e1), trial: Number(r.e2), dissemination: Number(r.e3) },
      passed: [Number(r.g1 ?? 0), Number(r.g2 ?? 0), Number(r.g3 ?? 0)],
    }))
    .sort((a, b) => a.area.localeCompare(b.area) || (a.cohort ?? 0) - (b.cohort ?? 0));
}

// ---------------------------------------------------------------------------------------------------
// Time in phase

export interface PeriodSpan {
  initiative_id: number;
  phase: PhasePeriod;
  start: string | null;
  end: string | null;
}

/**
 * Each phase period's actual start and end. Where the end was not written on the period, the first
 * decision that took the initiative out of that phase (on or after the start) ends it.
 */
export async function periodSpans(db: Executor, f: PortfolioFilters): Promise<PeriodSpan[]> {
  const rows = await db
    .selectFrom("phase_periods as pp")
    .where("pp.initiative_id", "in", filteredIds(db, f))
    .select([
      "pp.initiative_id", "pp.phase", "pp.actual_start as start",
      sql<string | null>`coalesce(pp.actual_end, (
        select min(substr(d.decided_at, 1, 10)) from decisions d
        where d.initiative_id = pp.initiative_id and d.from_phase = pp.phase and d.resulting_phase <> pp.phase
          and pp.actual_start is not null and substr(d.decided_at, 1, 10) >= pp.actual_start
      ))`.as("end"),
    ])
    .execute();
  return rows;
}

export interface PhaseDuration {
  phase: PhasePeriod;
  /** Periods with a known start and end. */
  n: number;
  /** Periods started and not yet ended. */
  ongoing: number;
  median: number | null;
  p25: number | null;
  p75: number | null;
  min: number | null;
  max: number | null;
}

const DAY_MS = 86_400_000;
export function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end.slice(0, 10)}T00:00:00Z`) - Date.parse(`${start.slice(0, 10)}T00:00:00Z`)) / DAY_MS);
}

/** Linear-interpolated quantile of sorted values (the spreadsheet QUARTILE.INC / PERCENTILE.INC rule). */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (!sorted.length) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Median, quartiles and range of the days spent in each phase, from `periodSpans`. */
export function summariseDurations(spans: readonly PeriodSpan[]): PhaseDuration[] {
  const byPhase = new Map<PhasePeriod, { days: number[]; ongoing: number }>();
  for (const s of spans) {
    if (!s.start) continue;
    const entry = byPhase.get(s.phase) ?? { days: [], ongoing: 0 };
    byPhase.set(s.phase, entry);
    if (s.end) entry.days.push(daysBetween(s.start, s.end));
    else entry.ongoing++;
  }
  const order = ["screening", "screening_maturation", "maturation", "trial", "dissemination"] as const;
  return order.filter((p) => byPhase.has(p)).map((phase) => {
    const { days, ongoing } = byPhase.get(phase)!;
    days.sort((a, b) => a - b);
    return {
      phase, n: days.length, ongoing,
      median: quantile(days, 0.5), p25: quantile(days, 0.25), p75: quantile(days, 0.75),
      min: days.length ? days[0] : null, max: days.length ? days[days.length - 1] : null,
    };
  });
}

export async function timeInPhase(db: Executor, f: PortfolioFilters) {
  return summariseDurations(await periodSpans(db, f));
}

// ---------------------------------------------------------------------------------------------------
// Rows: the Bilag-1 view and the exports

export interface PortfolioRow {
  id: number;
  title: string;
  area: Area;
  agreement_label: string;
  first_year: number | null;
  last_year: number | null;
  phase: PhasePeriod;
  status: InitiativeStatus;
  track: 1 | 2 | null;
  outcome: OutcomeKind;
  source_outcome: string | null;
  source_assessment: string | null;
  susi_assessment_made: string | null;
  owner_name: string | null;
  budget_kr: number | null;
  updated_at: string;
}

/** Bilag 1's order: by area, then agreement (first year, then label), then title. */
export async function listPortfolioRows(db: Executor, f: PortfolioFilters, page?: { limit: number; offset: number }) {
  const ordered = <Q extends { orderBy: (...a: any[]) => Q }>(q: Q): Q =>
    q.orderBy("initiatives.area").orderBy(firstYearSql).orderBy("initiatives.agreement_label").orderBy("initiatives.title").orderBy("initiatives.id");
  // A page is chosen on the sort keys alone, so the outcome, budget and owner are worked out for its rows only.
  const rowsOf = page
    ? db.selectFrom("initiatives").where("initiatives.id", "in",
      ordered(applyFilters(db, db.selectFrom("initiatives"), f).select("initiatives.id")).limit(page.limit).offset(page.offset))
    : applyFilters(db, db.selectFrom("initiatives"), f);
  const q = ordered(rowsOf
    .leftJoin("users as owner", "owner.id", "initiatives.owner_id")
    .select([
      "initiatives.id", "initiatives.title", "initiatives.area", "initiatives.agreement_label",
      firstYearSql.as("first_year"), lastYearSql.as("last_year"),
      "initiatives.phase", "initiatives.status", "initiatives.track", outcomeSql().as("outcome"),
      "initiatives.source_outcome", "initiatives.source_assessment", "initiatives.susi_assessment_made",
      "owner.name as owner_name", budgetSql.as("budget_kr"), "initiatives.updated_at",
    ]));
  const rows = await q.execute();
  return rows.map((r): PortfolioRow => ({
    ...r,
    first_year: r.first_year === null ? null : Number(r.first_year),
    last_year: r.last_year === null ? null : Number(r.last_year),
    budget_kr: r.budget_kr === null ? null : Number(r.budget_kr),
    outcome: r.outcome as OutcomeKind,
  }));
}

export async function countPortfolio(db: Executor, f: PortfolioFilters) {
  const r = await applyFilters(db, db.selectFrom("initiatives"), f).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface TimelineData {
  periods: { id: number; initiative_id: number; phase: PhasePeriod; planned_start: string | null; planned_end: string | null; actual_start: string | null; actual_end: string | null }[];
  decisions: { id: number; initiative_id: number; outcome: Outcome; decided_at: string; from_phase: PhasePeriod; resulting_phase: PhasePeriod }[];
  agreements: { initiative_id: number; year: number; budget_kr: number | null }[];
}

/** Phase periods, decisions and agreements of the given initiatives, three queries in all. */
export async function timelineData(db: Executor, ids: readonly number[]): Promise<TimelineData> {
  if (!ids.length) return { periods: [], decisions: [], agreements: [] };
  const list = [...ids];
  const [periods, decisions, agreements] = await Promise.all([
    db.selectFrom("phase_periods").selectAll().where("initiative_id", "in", list).orderBy("initiative_id").orderBy("id").execute(),
    db.selectFrom("decisions").select(["id", "initiative_id", "outcome", "decided_at", "from_phase", "resulting_phase"])
      .where("initiative_id", "in", list).orderBy("decided_at").orderBy("id").execute(),
    db.selectFrom("initiative_agreements").select(["initiative_id", "year", "budget_kr"])
      .where("initiative_id", "in", list).orderBy("initiative_id").orderBy("year").execute(),
  ]);
  return { periods, decisions, agreements };
}

// ---------------------------------------------------------------------------------------------------
// Bubble chart: initiatives in trial or later

/** Each gate has exactly one criterion of the effect dimension; its evidence level places the bubble. */
export const EFFECT_CRITERIA = ALL_CRITERIA.filter((c) => c.dimension === "effect").map((c) => c.id);

export interface BubbleRow {
  id: number;
  title: string;
  area: Area;
  phase: PhasePeriod;
  budget_kr: number | null;
  assessment_id: number | null;
  evidence_level: EvidenceLevel | null;
  /** The SØM calculation the y axis uses: the newest "expected" scenario, else the newest of any. */
  som_calculation_id: number | null;
  som_scenario: string | null;
  som_input_json: string | null;
}

export async function bubbleRows(db: Executor, f: PortfolioFilters): Promise<BubbleRow[]> {
  const base = applyFilters(db, db.selectFrom("initiatives"), f).where("initiatives.phase", "in", ["trial", "dissemination"]);
  const initiatives = await base
    .select(["initiatives.id", "initiatives.title", "initiatives.area", "initiatives.phase", budgetSql.as("budget_kr")])
    .orderBy("initiatives.title").orderBy("initiatives.id")
    .execute();
  if (!initiatives.length) return [];
  const ids = base.select("initiatives.id");
  const [evidence, calculations] = await Promise.all([
    // The latest submitted assessment per initiative by one grouped subquery (a correlated ORDER BY ... LIMIT 1
    // per row was ten times slower on the bench database); ties on the timestamp keep the highest id below.
    db.selectFrom("assessments as a")
      .innerJoin(
        (eb) => eb.selectFrom("assessments as a2").select(["a2.initiative_id", (e) => e.fn.max("a2.submitted_at").as("latest")])
          .where("a2.status", "=", "submitted").where("a2.initiative_id", "in", ids).groupBy("a2.initiative_id").as("l"),
        (join) => join.onRef("l.initiative_id", "=", "a.initiative_id").onRef("l.latest", "=", "a.submitted_at"),
      )
      .leftJoin("assessment_judgements as j", (jb) => jb.onRef("j.assessment_id", "=", "a.id").on("j.criterion_id", "in", EFFECT_CRITERIA))
      .where("a.status", "=", "submitted")
      .select(["a.initiative_id", "a.id as assessment_id", "j.evidence_level"])
      .orderBy("a.id")
      .execute(),
    db.selectFrom("som_calculations as c")
      .innerJoin("som_calculation_versions as v", "v.id", "c.latest_version_id")
      .where("c.initiative_id", "in", ids)
      .select(["c.id", "c.initiative_id", "c.scenario", "c.updated_at", "v.input_json"])
      .orderBy("c.updated_at", "desc").orderBy("c.id", "desc")
      .execute(),
  ]);
  const evidenceBy = new Map(evidence.map((e) => [e.initiative_id, e]));
  const calcBy = new Map<number, (typeof calculations)[number]>();
  for (const c of calculations) {
    const have = calcBy.get(c.initiative_id);
    if (!have || (have.scenario !== "expected" && c.scenario === "expected")) calcBy.set(c.initiative_id, c);
  }
  return initiatives.map((i) => {
    const e = evidenceBy.get(i.id);
    const c = calcBy.get(i.id);
    return {
      id: i.id, title: i.title, area: i.area, phase: i.phase, budget_kr: i.budget_kr === null ? null : Number(i.budget_kr),
      assessment_id: e?.assessment_id ?? null, evidence_level: (e?.evidence_level ?? null) as EvidenceLevel | null,
      som_calculation_id: c?.id ?? null, som_scenario: c?.scenario ?? null, som_input_json: c?.input_json ?? null,
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// Lineage: the predecessor/successor graph

export interface LineageNode {
  id: number;
  title: string;
  phase: PhasePeriod;
  status: InitiativeStatus;
  area: Area;
  first_year: number | null;
  /** False for a linked initiative the filters leave out: drawn so the chain is whole, marked as such. */
  in_filter: boolean;
}

/** Every link touching a filtered initiative, and both ends of each. */
export async function lineage(db: Executor, f: PortfolioFilters) {
  const ids = filteredIds(db, f);
  const edges = await db.selectFrom("initiative_links as l")
    .where((eb) => eb.or([eb("l.predecessor_id", "in", ids), eb("l.successor_id", "in", ids)]))
    .select(["l.predecessor_id", "l.successor_id"])
    .orderBy("l.predecessor_id").orderBy("l.successor_id")
    .execute();
  const nodeIds = [...new Set(edges.flatMap((e) => [e.predecessor_id, e.successor_id]))];
  if (!nodeIds.length) return { nodes: [] as LineageNode[], edges };
  const inFilter = new Set((await applyFilters(db, db.selectFrom("initiatives"), f).select("initiatives.id")
    .where("initiatives.id", "in", nodeIds).execute()).map((r) => r.id));
  const nodes = await db.selectFrom("initiatives")
    .where("initiatives.id", "in", nodeIds)
    .select(["initiatives.id", "initiatives.title", "initiatives.phase", "initiatives.status", "initiatives.area", firstYearSql.as("first_year")])
    .orderBy(sql`first_year`).orderBy("initiatives.title")
    .execute();
  return {
    nodes: nodes.map((n): LineageNode => ({ ...n, first_year: n.first_year === null ? null : Number(n.first_year), in_filter: inFilter.has(n.id) })),
    edges,
  };
}

// ---------------------------------------------------------------------------------------------------
// "Mine initiativer": what a program manager owns or assesses, and what is due

export async function myInitiatives(db: Executor, userId: number, today: string, horizonDays = 60) {
  const assessed = (eb: any): Expression<SqlBool> => eb.exists(
    eb.selectFrom("assessments as a").select("a.id").whereRef("a.initiative_id", "=", "initiatives.id")
      .where((e2: any) => e2.or([e2("a.created_by", "=", userId), e2("a.submitted_by", "=", userId)])),
  );
  const initiatives = await db.selectFrom("initiatives")
    .where((eb) => eb.or([eb("initiatives.owner_id", "=", userId), assessed(eb)]))
    .select([
      "initiatives.id", "initiatives.title", "initiatives.phase", "initiatives.status", "initiatives.agreement_label",
      "initiatives.owner_id", budgetSql.as("budget_kr"),
    ])
    .orderBy("initiatives.title").orderBy("initiatives.id")
    .execute();
  const ids = initiatives.map((i) => i.id);
  if (!ids.length) return { initiatives: [], drafts: [], conditions: [], periods: [] };
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + horizonDays * DAY_MS).toISOString().slice(0, 10);
  const [drafts, conditions, periods] = await Promise.all([
    db.selectFrom("assessments as a").innerJoin("initiatives as i", "i.id", "a.initiative_id")
      .where("a.initiative_id", "in", ids).where("a.status", "=", "draft")
      .select(["a.id", "a.initiative_id", "i.title", "a.from_phase", "a.to_phase", "a.created_at"])
      .orderBy("a.created_at").orderBy("a.id").execute(),
    db.selectFrom("conditions as c").innerJoin("initiatives as i", "i.id", "c.initiative_id")
      .where("c.initiative_id", "in", ids).where("c.status", "=", "open")
      .select(["c.id", "c.initiative_id", "i.title", "c.text", "c.owner", "c.due_date"])
      .orderBy("c.due_date").orderBy("c.id").execute(),
    // The current phase's period, when its planned end is past or within the horizon and it has not ended.
    db.selectFrom("phase_periods as pp").innerJoin("initiatives as i", "i.id", "pp.initiative_id")
      .where("pp.initiative_id", "in", ids).whereRef("pp.phase", "=", "i.phase").where("i.status", "=", "active")
      .where("pp.actual_end", "is", null).where("pp.planned_end", "is not", null).where("pp.planned_end", "<=", horizon)
      .select(["pp.id", "pp.initiative_id", "i.title", "pp.phase", "pp.planned_end"])
      .orderBy("pp.planned_end").orderBy("pp.id").execute(),
  ]);
  return {
    initiatives: initiatives.map((i) => ({ ...i, budget_kr: i.budget_kr === null ? null : Number(i.budget_kr), mine: i.owner_id === userId })),
    drafts,
    conditions: conditions.map((c) => ({ ...c, overdue: c.due_date < today })),
    periods: periods.map((p) => ({ ...p, overdue: (p.planned_end ?? "") < today })),
  };
}

// ---------------------------------------------------------------------------------------------------
// Owner and budgets (the create and edit forms, the import)

/** Active program managers, for the owner select. */
export function listProgramManagers(db: Executor) {
  return db.selectFrom("users").select(["id", "name", "email"]).where("role", "=", "program_manager").where("active", "=", 1)
    .orderBy("name").execute();
}

export async function getOwnerAndBudgets(db: Executor, initiativeId: number) {
  const [owner, budgets] = await Promise.all([
    db.selectFrom("initiatives").leftJoin("users", "users.id", "initiatives.owner_id")
      .select(["initiatives.owner_id", "users.name as owner_name"]).where("initiatives.id", "=", initiativeId).executeTakeFirst(),
    db.selectFrom("initiative_agreements").select(["year", "budget_kr"]).where("initiative_id", "=", initiativeId).orderBy("year").execute(),
  ]);
  return { ownerId: owner?.owner_id ?? null, ownerName: owner?.owner_name ?? null, budgets };
}

/** Whether the id is an active program manager: the only users who may own an initiative. */
export async function isActiveProgramManager(db: Executor, userId: number) {
  const u = await db.selectFrom("users").select("id").where("id", "=", userId).where("role", "=", "program_manager")
    .where("active", "=", 1).executeTakeFirst();
  return !!u;
}

/**
 * Sets the owner and the budget of each agreement year, inside the transaction that created or edited the
 * initiative (which moved its version on), after its agreement years are written; a year without a budget
 * given is left without one. Records a history row when anything changed.
 */
export async function setOwnerAndBudgets(
  trx: Executor,
  initiativeId: number,
  /** `undefined` leaves the owner, or the budgets of the years kept, as they were. */
  input: { ownerId: number | null | undefined; budgets: ReadonlyMap<number, number> | undefined },
  actorId: number | null,
  now: string,
  /** What was there before the edit rewrote the agreement rows (read it first); defaults to what is there now. */
  previous?: Awaited<ReturnType<typeof getOwnerAndBudgets>>,
) {
  const before = previous ?? (await getOwnerAndBudgets(trx, initiativeId));
  const current = previous ? (await getOwnerAndBudgets(trx, initiativeId)).budgets : before.budgets;
  const ownerId = input.ownerId === undefined ? before.ownerId : input.ownerId;
  if (ownerId !== before.ownerId || previous) {
    await trx.updateTable("initiatives").set({ owner_id: ownerId }).where("id", "=", initiativeId).execute();
  }
  const kept = new Map(before.budgets.filter((b) => b.budget_kr !== null).map((b) => [b.year, b.budget_kr as number]));
  const budgets = input.budgets ?? kept;
  const after: { year: number; budget_kr: number | null }[] = [];
  for (const b of current) {
    const budget = budgets.get(b.year) ?? null;
    after.push({ year: b.year, budget_kr: budget });
    if (budget !== b.budget_kr) {
      await trx.updateTable("initiative_agreements").set({ budget_kr: budget })
        .where("initiative_id", "=", initiativeId).where("year", "=", b.year).execute();
    }
  }
  const budgetsChanged = JSON.stringify(before.budgets.map((b) => ({ year: b.year, budget_kr: b.budget_kr }))) !== JSON.stringify(after);
  if (before.ownerId !== ownerId || budgetsChanged) {
    await appendHistory(trx, {
      initiativeId, actorId, at: now, action: "initiative.owner_budget_updated", entity: "initiative", entityId: initiativeId,
      before: { owner_id: before.ownerId, budgets: before.budgets },
      after: { owner_id: ownerId, budgets: after },
    });
  }
}
