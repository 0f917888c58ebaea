// The portfolio's figures, computed in SQL, against the same figures computed here from the raw rows
// (seeded database plus dated phase periods, decisions and a skip arranged below), unfiltered and filtered.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import {
  bubbleRows, countPortfolio, funnel, headlineFigures, lineage, listPortfolioRows, myInitiatives, periodSpans,
  setOwnerAndBudgets, summariseDurations, timeInPhase, type PortfolioFilters,
} from "#db/queries/portfolio";
import { listInitiatives } from "#db/queries/initiatives";
import type { PhasePeriod } from "#workflows/phase-model";

type Row = { id: number; title: string; target_group: string; area: string; phase: PhasePeriod; status: string; track: number | null; source_outcome: string | null };

async function raw() {
  const [initiatives, agreements, periods, decisions, links, outcomes] = await Promise.all([
    db().selectFrom("initiatives").select(["id", "title", "target_group", "area", "phase", "status", "track", "source_outcome"]).execute(),
    db().selectFrom("initiative_agreements").selectAll().execute(),
    db().selectFrom("phase_periods").selectAll().execute(),
    db().selectFrom("decisions").selectAll().execute(),
    db().selectFrom("initiative_links").selectAll().execute(),
    db().selectFrom("phase_outcomes").select(["id", "initiative_id", "kind", "reason"]).execute(),
  ]);
  return { initiatives: initiatives as Row[], agreements, periods, decisions, links, outcomes };
}
type Raw = Awaited<ReturnType<typeof raw>>;

/** The filters as the list means them, written again in plain JavaScript. */
function matches(r: Raw, i: Row, f: PortfolioFilters) {
  if (f.area && i.area !== f.area) return false;
  if (f.phase && i.phase !== f.phase) return false;
  if (f.status && i.status !== f.status) return false;
  if (f.track === "none" && i.track !== null) return false;
  if (f.track && f.track !== "none" && i.track !== Number(f.track)) return false;
  if (f.year && !r.agreements.some((a) => a.initiative_id === i.id && a.year === f.year)) return false;
  if (f.q && !`${i.title}\n${i.target_group}`.toLowerCase().includes(f.q.toLowerCase())) return false;
  return true;
}

function outcomeOf(r: Raw, i: Row): string {
  const so = i.source_outcome?.toLowerCase() ?? "";
  if (so.startsWith("ja")) return "carried_on";
  if (so.includes("indstilles ikke")) return "not_recommended";
  if (so.includes("indstilles til videreførelse")) return "recommended_later";
  if (so.includes("kan ikke videreføres")) return "dissemination";
  if (so.includes("covid") || so.includes("ikke fuldt implementeret")) return "not_implemented";
  if (so.includes("definitionen af en indsats")) return "not_intervention";
  if (so.startsWith("nej")) return "criteria_not_met";
  if (i.status === "stopped" || i.status === "completed") {
    const latest = r.outcomes.filter((o) => o.initiative_id === i.id).sort((a, b) => b.id - a.id)[0];
    const REASONS: Record<string, string> = {
      criteria_not_met: "criteria_not_met", not_fully_implemented: "not_implemented", not_an_intervention: "not_intervention", waiting_on_other: "waiting_on_other",
    };
    if (latest?.kind === "not_carried_on") return REASONS[latest.reason ?? ""] ?? "other_reason";
    if (latest?.kind === "partly_carried_on" || latest?.kind === "recommended_later") return latest.kind;
  }
  if (i.status === "stopped") return r.decisions.some((d) => d.initiative_id === i.id && d.outcome === "stop") ? "stop_decision" : "stopped_other";
  if (i.status === "completed") {
    if (r.links.some((l) => l.predecessor_id === i.id)) return "carried_on";
    return i.phase === "dissemination" ? "dissemination" : "completed";
  }
  return "running";
}

const IDX: Record<string, number> = { screening: 0, screening_maturation: 1, maturation: 1, trial: 2, dissemination: 3 };
const FUNNEL = ["screening", "maturation", "trial", "dissemination"] as const;

function count<K extends string | number>(keys: K[]) {
  const m = new Map<K, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

async function arrange() {
  const d = db();
  const sg = (await d.selectFrom("users").select("id").where("role", "=", "steering_group").executeTakeFirstOrThrow()).id;
  const ids = (await d.selectFrom("initiatives").select(["id", "phase"]).orderBy("id").execute());
  // Dated periods for the first twelve: some ended, some ongoing (no end), one with only planned dates.
  for (const [k, i] of ids.slice(0, 12).entries()) {
    const start = `20${18 + (k % 6)}-0${1 + (k % 9)}-1${k % 10}`;
    const end = k % 3 === 0 ? null : `20${19 + (k % 6)}-0${2 + (k % 7)}-2${k % 9}`;
    await d.updateTable("phase_periods").set(k === 11 ? { planned_start: start, planned_end: end } : { actual_start: start, actual_end: end })
      .where("initiative_id", "=", i.id).execute();
  }
  // Decisions: a skip screening -> trial (passes two gates), a plain Go, a Hold, and a Stop.
  const screening = ids.filter((i) => i.phase === "screening");
  const maturation = ids.filter((i) => i.phase === "maturation");
  const decision = async (initiativeId: number, outcome: string, from: PhasePeriod, to: string | null, resulting: PhasePeriod, status: string, at: string) => {
    await d.insertInto("decisions").values({
      initiative_id: initiativeId, assessment_id: null, outcome: outcome as any, from_phase: from, to_phase: to as any,
      resulting_phase: resulting, resulting_status: status as any, rationale: "Test", decided_by: sg, decided_at: at,
    }).execute();
    await d.updateTable("initiatives").set({ phase: resulting, status: status as any }).where("id", "=", initiativeId).execute();
  };
  const s1 = screening[screening.length - 1].id;
  await d.updateTable("phase_periods").set({ actual_start: "2022-02-01", actual_end: null }).where("initiative_id", "=", s1).execute();
  await decision(s1, "go", "screening", "trial", "trial", "active", "2023-05-04T10:00:00.000Z");
  await d.insertInto("phase_periods").values({ initiative_id: s1, phase: "trial", planned_start: null, planned_end: "2026-12-20", actual_start: "2023-05-04", actual_end: null }).execute();
  const m1 = maturation[maturation.length - 1].id;
  await decision(m1, "conditional_go", "maturation", "trial", "trial", "active", "2024-01-10T09:00:00.000Z");
  await d.insertInto("phase_periods").values({ initiative_id: m1, phase: "trial", planned_start: null, planned_end: null, actual_start: "2024-01-10", actual_end: null }).execute();
  const m2 = maturation[maturation.length - 2].id;
  await decision(m2, "hold", "maturation", "trial", "maturation", "on_hold", "2024-03-01T09:00:00.000Z");
  const m3 = maturation[maturation.length - 3].id;
  await decision(m3, "stop", "maturation", null, "maturation", "stopped", "2024-04-01T09:00:00.000Z");
  // Stops and an ending whose phase outcome was recorded as a decision records it: the reason counts.
  const outcome = async (initiativeId: number, kind: string, reason: string | null) => {
    const phase = (await d.selectFrom("initiatives").select("phase").where("id", "=", initiativeId).executeTakeFirstOrThrow()).phase;
    await d.insertInto("phase_outcomes").values({ initiative_id: initiativeId, phase, kind: kind as any, reason: reason as any, verdict: null, successor_id: null, successor_title: null, continues_in_year: null, decision_id: null, created_at: "2024-05-01T09:00:00.000Z" }).execute();
  };
  const m4 = maturation[maturation.length - 4].id;
  await decision(m4, "stop", "maturation", null, "maturation", "stopped", "2024-05-01T09:00:00.000Z");
  await outcome(m4, "not_carried_on", "criteria_not_met");
  const m5 = maturation[maturation.length - 5].id;
  await decision(m5, "stop", "maturation", null, "maturation", "stopped", "2024-05-02T09:00:00.000Z");
  await outcome(m5, "not_carried_on", "other");
  const m6 = maturation[maturation.length - 6].id;
  await outcome(m6, "carried_on", null); // an earlier phase's outcome, superseded by the next
  await decision(m6, "stop", "maturation", null, "maturation", "stopped", "2024-05-03T09:00:00.000Z");
  await outcome(m6, "not_carried_on", "waiting_on_other");
  return { s1, m1, m2, m3, m4, m5, m6 };
}

const FILTERS: PortfolioFilters[] = [
  {}, { area: "adults" }, { area: "children" }, { year: 2019 }, { phase: "maturation" }, { status: "completed" },
  { track: "none" }, { q: "unge" }, { area: "adults", year: 2021 },
];

describe("portfolio figures", () => {
  beforeEach(async () => {
    await arrange();
  });

  for (const f of FILTERS) {
    const label = JSON.stringify(f);

    it(`headline figures equal the rows' own count ${label}`, async () => {
      const r = await raw();
      const rows = r.initiatives.filter((i) => matches(r, i, f));
      const h = await headlineFigures(db(), f);
      expect(h.total).toBe(rows.length);
      expect(h.total).toBe((await listInitiatives(db(), f)).total);
      expect(new Map(h.byPhaseStatus.map((x) => [`${x.phase}/${x.status}`, x.n]))).toEqual(count(rows.map((i) => `${i.phase}/${i.status}`)));
      expect(new Map(h.byArea.map((x) => [x.area, x.n]))).toEqual(count(rows.map((i) => i.area)));
      const ids = new Set(rows.map((i) => i.id));
      expect(new Map(h.byYear.map((x) => [x.year, x.n]))).toEqual(count(r.agreements.filter((a) => ids.has(a.initiative_id)).map((a) => a.year)));
      expect(new Map(h.byOutcome.map((x) => [x.outcome, x.n]))).toEqual(count(rows.map((i) => outcomeOf(r, i))));
    });

    it(`funnel equals the rows' own count ${label}`, async () => {
      const r = await raw();
      const rows = r.initiatives.filter((i) => matches(r, i, f));
      const cohort = (id: number) => Math.min(...r.agreements.filter((a) => a.initiative_id === id).map((a) => a.year));
      const expected = new Map<string, { entered: Record<string, number>; passed: number[] }>();
      for (const i of rows) {
        const key = `${i.area}|${cohort(i.id)}`;
        const e = expected.get(key) ?? { entered: { screening: 0, maturation: 0, trial: 0, dissemination: 0 }, passed: [0, 0, 0] };
        expected.set(key, e);
        const phases = new Set([i.phase, ...r.periods.filter((p) => p.initiative_id === i.id).map((p) => p.phase)]);
        if (phases.has("screening_maturation")) { phases.add("screening"); phases.add("maturation"); }
        for (const p of FUNNEL) if (phases.has(p)) e.entered[p]++;
        for (const k of [1, 2, 3]) {
          const byDecision = r.decisions.some((d) => d.initiative_id === i.id && (d.outcome === "go" || d.outcome === "conditional_go")
            && IDX[d.from_phase] < k && IDX[d.to_phase ?? ""] >= k);
          const bySuccessor = IDX[i.phase] < k && r.links.some((l) => l.predecessor_id === i.id
            && IDX[r.initiatives.find((s) => s.id === l.successor_id)!.phase] >= k);
          if (byDecision || bySuccessor) e.passed[k - 1]++;
        }
      }
      const got = await funnel(db(), f);
      expect(new Map(got.map((g) => [`${g.area}|${g.cohort}`, { entered: g.entered, passed: g.passed }]))).toEqual(expected);
    });

    it(`time in phase equals the periods' own durations ${label}`, async () => {
      const r = await raw();
      const ids = new Set(r.initiatives.filter((i) => matches(r, i, f)).map((i) => i.id));
      const byPhase = new Map<string, { days: number[]; ongoing: number }>();
      for (const p of r.periods.filter((x) => ids.has(x.initiative_id) && x.actual_start)) {
        const leaving = r.decisions
          .filter((d) => d.initiative_id === p.initiative_id && d.from_phase === p.phase && d.resulting_phase !== p.phase && d.decided_at.slice(0, 10) >= p.actual_start!)
          .map((d) => d.decided_at.slice(0, 10)).sort()[0];
        const end = p.actual_end ?? leaving ?? null;
        const e = byPhase.get(p.phase) ?? { days: [], ongoing: 0 };
        byPhase.set(p.phase, e);
        if (end) e.days.push((new Date(end).getTime() - new Date(p.actual_start!).getTime()) / 86_400_000);
        else e.ongoing++;
      }
      const got = await timeInPhase(db(), f);
      expect(got.map((g) => g.phase).sort()).toEqual([...byPhase.keys()].sort());
      for (const g of got) {
        const e = byPhase.get(g.phase)!;
        const days = [...e.days].sort((a, b) => a - b);
        expect(g.n).toBe(days.length);
        expect(g.ongoing).toBe(e.ongoing);
        if (!days.length) {
          expect(g.median).toBeNull();
          continue;
        }
        const mid = days.length >> 1;
        expect(g.median).toBeCloseTo(days.length % 2 ? days[mid] : (days[mid - 1] + days[mid]) / 2, 6);
        expect(g.min).toBe(days[0]);
        expect(g.max).toBe(days[days.length - 1]);
        // Quartiles by the spreadsheet rule: rank (n - 1) q, interpolated.
        const q = (p: number) => { const pos = (days.length - 1) * p; const lo = Math.floor(pos); return days[lo] + ((days[Math.ceil(pos)] - days[lo]) * (pos - lo)); };
        expect(g.p25).toBeCloseTo(q(0.25), 6);
        expect(g.p75).toBeCloseTo(q(0.75), 6);
      }
    });

    it(`the rows and their count are the filtered list's ${label}`, async () => {
      const rows = await listPortfolioRows(db(), f);
      const list = await listInitiatives(db(), f, 1, 10_000);
      expect(rows.map((x) => x.id).sort((a, b) => a - b)).toEqual(list.rows.map((x) => x.id).sort((a, b) => a - b));
      expect(await countPortfolio(db(), f)).toBe(list.total);
    });
  }

  it("counts the seeded initiatives stopped or not carried on by the source's reasons", async () => {
    const h = await headlineFigures(db(), {});
    const by = Object.fromEntries(h.byOutcome.map((o) => [o.outcome, o.n]));
    // Seed 004: two not carried on because of COVID-19, one not an intervention, one not meeting the criteria
    // (counted with an arranged one in the next test), one not recommended while it waits for other MOVE
    // initiatives; and the Stop decision arranged above without a recorded outcome.
    expect(by.not_implemented).toBe(2);
    expect(by.not_intervention).toBe(1);
    expect(by.not_recommended).toBe(1);
    expect(by.stop_decision).toBe(1);
    expect(h.total).toBe(42);
  });

  it("counts an ended initiative by the reason its recorded phase outcome gives, the latest one deciding", async () => {
    const by = Object.fromEntries((await headlineFigures(db(), {})).byOutcome.map((o) => [o.outcome, o.n]));
    // The arranged Stops with recorded reasons: criteria not met (beside the seeded one), another reason,
    // waiting on other initiatives (its earlier "carried on" does not count); the Stop without a record stays a Stop.
    expect(by.criteria_not_met).toBe(2);
    expect(by.other_reason).toBe(1);
    expect(by.waiting_on_other).toBe(1);
    expect(by.stop_decision).toBe(1);
  });

  it("a skip passes every gate it crosses; a Hold passes none", async () => {
    const all = await funnel(db(), { phase: "trial" });
    const passed = all.reduce((s, r) => [s[0] + r.passed[0], s[1] + r.passed[1], s[2] + r.passed[2]], [0, 0, 0]);
    // The trial phase now holds the two seeded trial initiatives and the two moved there: the skip passed gates 1 and 2, the Conditional Go gate 2.
    expect(passed).toEqual([1, 2, 0]);
  });

  it("spans end at the decision that left the phase when the period has no end of its own", async () => {
    const spans = await periodSpans(db(), {});
    const s = spans.filter((x) => x.start === "2022-02-01");
    expect(s).toEqual([expect.objectContaining({ phase: "screening", end: "2023-05-04" })]);
    expect(summariseDurations(s)[0]).toMatchObject({ phase: "screening", n: 1, median: 457 });
  });
});

describe("bubble, lineage and mine", () => {
  it("places trial and later initiatives by the evidence level of the effect criterion in the latest submitted assessment", async () => {
    const d = db();
    const trial = await d.selectFrom("initiatives").select("id").where("phase", "=", "trial").orderBy("id").executeTakeFirstOrThrow();
    const mk = async (status: "draft" | "submitted", at: string, level: string) => {
      const { id } = await d.insertInto("assessments").values({
        initiative_id: trial.id, from_phase: "trial", to_phase: "dissemination", status, created_at: at, submitted_at: status === "submitted" ? at : null,
      }).returning("id").executeTakeFirstOrThrow();
      await d.insertInto("assessment_judgements").values([
        { assessment_id: id, criterion_id: "toDissemination.positive_effect", judgement: "met", evidence: "x", evidence_level: level as any, justification: "", assessed_at: at },
        { assessment_id: id, criterion_id: "toDissemination.in_demand", judgement: "met", evidence: "x", evidence_level: "1", justification: "", assessed_at: at },
      ]).execute();
      return id;
    };
    await mk("submitted", "2025-01-01T00:00:00.000Z", "3");
    const latest = await mk("submitted", "2025-06-01T00:00:00.000Z", "2");
    await mk("draft", "2025-09-01T00:00:00.000Z", "1");
    const rows = await bubbleRows(d, {});
    expect(rows.every((r) => r.phase === "trial" || r.phase === "dissemination")).toBe(true);
    expect(rows.length).toBe((await listInitiatives(d, { phase: "trial" })).total + (await listInitiatives(d, { phase: "dissemination" })).total);
    expect(rows.find((r) => r.id === trial.id)).toMatchObject({ assessment_id: latest, evidence_level: "2" });
  });

  it("draws every successor link of the seed, with both ends", async () => {
    const g = await lineage(db(), {});
    const links = await db().selectFrom("initiative_links").selectAll().execute();
    expect(g.edges.length).toBe(links.length);
    expect(links.length).toBeGreaterThan(0);
    const ids = new Set(g.nodes.map((n) => n.id));
    for (const e of g.edges) expect(ids.has(e.predecessor_id) && ids.has(e.successor_id)).toBe(true);
    const children = await lineage(db(), { area: "children" });
    expect(children.nodes.every((n) => n.in_filter === (n.area === "children"))).toBe(true);
  });

  it("mine: what the program manager owns, with drafts, open conditions and periods ending", async () => {
    const d = db();
    const pm = await d.selectFrom("users").select("id").where("email", "=", "programleder@susi.test").executeTakeFirstOrThrow();
    const owned = await d.selectFrom("initiatives").select(["id", "phase"]).where("owner_id", "=", pm.id).orderBy("id").execute();
    expect(owned.length).toBe(21);
    const first = owned[0];
    await d.updateTable("phase_periods").set({ planned_end: "2026-12-20" }).where("initiative_id", "=", first.id).execute();
    await d.updateTable("initiatives").set({ status: "active" }).where("id", "=", first.id).execute();
    await d.insertInto("assessments").values({ initiative_id: first.id, from_phase: first.phase, to_phase: "trial", status: "draft", created_at: "2026-11-01T00:00:00.000Z" }).execute();
    const mine = await myInitiatives(d, pm.id, "2026-12-02");
    expect(mine.initiatives.length).toBe(21);
    expect(mine.drafts.map((x) => x.initiative_id)).toEqual([first.id]);
    expect(mine.periods.map((x) => x.initiative_id)).toEqual([first.id]);
    expect(mine.periods[0].overdue).toBe(false);
  });

  it("owner and budgets: written with a history row, only for the initiative's own agreement years", async () => {
    const d = db();
    const i = await d.selectFrom("initiatives").select("id").where("agreement_label", "=", "UIP 2017, 2018, 2019").executeTakeFirstOrThrow();
    const pm = await d.selectFrom("users").select("id").where("email", "=", "projektleder@susi.test").executeTakeFirstOrThrow();
    await d.transaction().execute((trx) => setOwnerAndBudgets(trx, i.id, { ownerId: pm.id, budgets: new Map([[2017, 1_500_000], [2019, 2_000_000], [2030, 9]]) }, null, "2026-12-02T10:00:00.000Z"));
    const ags = await d.selectFrom("initiative_agreements").select(["year", "budget_kr"]).where("initiative_id", "=", i.id).orderBy("year").execute();
    expect(ags).toEqual([{ year: 2017, budget_kr: 1_500_000 }, { year: 2018, budget_kr: null }, { year: 2019, budget_kr: 2_000_000 }]);
    const rows = await listPortfolioRows(d, { q: "Bostøttemetoderne" });
    expect(rows[0]).toMatchObject({ budget_kr: 3_500_000, owner_name: "Peter Projektleder" });
    const h = await d.selectFrom("history").select("action").where("initiative_id", "=", i.id).where("action", "=", "initiative.owner_budget_updated").execute();
    expect(h.length).toBe(1);
  });
});
