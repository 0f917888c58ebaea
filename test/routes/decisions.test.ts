// The steering group's decision page: loader and action called with real Requests on a seeded database.
import { describe, expect, it } from "vitest";
import { createInitiative, getInitiative, listPhasePeriods } from "#db/queries/initiatives";
import { listConditions, listDecisions } from "#db/queries/decisions";
import type { Judgement } from "#workflows/assessment";
import { gatesBetween, type Phase, type PhasePeriod } from "#workflows/phase-model";
import * as decisionRoute from "~/routes/initiativer.$id.beslutning/route";
import * as initiativeRoute from "~/routes/initiativer.$id._index/route";
import { db } from "~/utils/db.server";
import { meetingFor } from "./governance-fixtures";
import { args, BASE, formRequest, get, outcome, sessionCookieFor } from "./helpers";

function load(id: number | string, cookie: string) {
  return outcome(decisionRoute.loader(args(get(`/initiativer/${id}/beslutning`, cookie), { id })));
}

/** The quorate meeting each initiative made here is on the agenda of (a decision is taken at a meeting, DECISIONS 0088). */
const MEETINGS = new Map<number, string>();

/**
 * A decision as the confirmation step posts it (confirmed=yes), at the initiative's meeting unless the fields
 * name one (`meetingId: ""` posts none); `confirm: false` posts the first, unconfirmed submit.
 */
function post(id: number | string, fields: Record<string, string>, cookie: string, { confirm = true } = {}) {
  const meeting = MEETINGS.get(Number(id));
  const atMeeting = meeting && !("meetingId" in fields) ? { meetingId: meeting, ...fields } : fields;
  const body = confirm ? { ...atMeeting, confirmed: "yes" } : atMeeting;
  return outcome(decisionRoute.action(args(formRequest(`${BASE}/initiativer/${id}/beslutning`, body, cookie), { id })));
}

async function newInitiative(opts: { phase?: PhasePeriod; track?: 1 | 2 | null; status?: "active" | "stopped" | "on_hold" } = {}) {
  const id = await createIt(opts);
  MEETINGS.set(id, await meetingFor(id));
  return id;
}

function createIt(opts: { phase?: PhasePeriod; track?: 1 | 2 | null; status?: "active" | "stopped" | "on_hold" }) {
  const track = opts.track === undefined ? 1 : opts.track;
  return db().transaction().execute((trx) =>
    createInitiative(trx, {
      title: "Styrket overgang", description: "", area: "children", targetGroup: "Unge", agreementYears: [2024],
      track, trackReason: track ? "Udføres ensartet" : "", prototypeDescription: "Manual og forløb",
      phase: opts.phase ?? "screening", status: opts.status ?? "active", framework: "susi2",
    }, null, "2026-01-01T00:00:00.000Z"),
  );
}

/** A submitted assessment from `from` to `to`; every criterion met unless overridden (null leaves it unjudged). */
async function submittedAssessment(
  initiativeId: number, from: PhasePeriod, to: Phase,
  overrides: Record<string, { judgement: Judgement; justification?: string } | null> = {},
) {
  const now = "2026-02-01T12:00:00.000Z";
  const { id } = await db()
    .insertInto("assessments")
    .values({
      initiative_id: initiativeId, from_phase: from, to_phase: to, status: "submitted", overall_assessment: "Lovende",
      recommendation: "Videreføres", created_at: now, submitted_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const rows = gatesBetween(from, to)
    .flatMap((g) => g.criteria)
    .filter((c) => overrides[c.id] !== null)
    .map((c) => ({
      assessment_id: id, criterion_id: c.id, judgement: overrides[c.id]?.judgement ?? ("met" as Judgement), evidence: "Evaluering",
      evidence_level: "2" as const, justification: overrides[c.id]?.justification ?? "", assessed_at: now,
    }));
  if (rows.length) await db().insertInto("assessment_judgements").values(rows).execute();
  return id;
}

async function snapshot(initiativeId: number) {
  const count = async (table: "decisions" | "conditions" | "history" | "phase_periods") =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).where("initiative_id", "=", initiativeId).executeTakeFirstOrThrow()).n);
  const i = await getInitiative(db(), initiativeId);
  return {
    phase: i?.phase, status: i?.status, version: i?.version,
    decisions: await count("decisions"), conditions: await count("conditions"), history: await count("history"), periods: await count("phase_periods"),
  };
}

const go = (to: Phase, extra: Record<string, string> = {}) => ({
  outcome: "go", targetPhase: to, rationale: "Alle kriterier er opfyldt.", version: "1", ...extra,
});

describe("GET /initiativer/:id/beslutning", () => {
  it("shows each criterion's judgement for every possible target so the member sees what is missing", async () => {
    const id = await newInitiative({ phase: "maturation", track: 2 });
    await submittedAssessment(id, "maturation", "trial", {
      "toTrial.implemented": { judgement: "partly_met", justification: "Kerneelementerne er på plads lokalt." },
      "toTrial.promising_results": { judgement: "not_met" },
      "toTrial.not_unrealistically_expensive": { judgement: "not_assessed" },
      "toTrial.fully_defined": null,
    });
    const res = await load(id, await sessionCookieFor("steering_group"));
    expect(res.status).toBe(200);
    expect(res.data.blocker).toBeNull();
    expect(res.data.targets.map((t: any) => t.target)).toEqual(["trial", "dissemination"]);
    const [trial, dissemination] = res.data.targets;
    expect(trial.assessment).toMatchObject({ overallAssessment: "Lovende", recommendation: "Videreføres" });
    expect(trial.criteria).toEqual([
      { id: "toTrial.fully_defined", dimension: "implementation", judgement: null, justification: "" },
      { id: "toTrial.implemented", dimension: "implementation", judgement: "partly_met", justification: "Kerneelementerne er på plads lokalt." },
      { id: "toTrial.promising_results", dimension: "effect", judgement: "not_met", justification: "" },
      { id: "toTrial.not_unrealistically_expensive", dimension: "economy", judgement: "not_assessed", justification: "" },
    ]);
    expect(trial.refusals.map((r: any) => [r.code, r.criterionId])).toEqual([
      ["criterion_not_met", "toTrial.fully_defined"],
      ["criterion_not_met", "toTrial.promising_results"],
      ["criterion_not_met", "toTrial.not_unrealistically_expensive"],
    ]);
    // Skipping to dissemination crosses two gates; no assessment covers that span.
    expect(dissemination.assessment).toBeNull();
    expect(dissemination.criteria).toHaveLength(9);
    expect(dissemination.refusals).toEqual([{ code: "assessment_missing" }]);
  });

  it("preselects the held meeting the initiative is on; on no agenda, it offers the coming meetings and planning one instead", async () => {
    const cookie = await sessionCookieFor("steering_group");
    const id = await newInitiative({ phase: "maturation" });
    const onAgenda = await load(id, cookie);
    expect(onAgenda.data.meetingId).toBe(Number(MEETINGS.get(id)));
    expect(onAgenda.data.meetings.map((m: any) => m.id)).toEqual([Number(MEETINGS.get(id))]);

    const alone = await createIt({ phase: "maturation" });
    const page = await load(alone, cookie);
    expect(page.data.meetings).toEqual([]);
    expect(page.data.meetingId).toBeNull();
    // Meetings from today on, where it can still go on the agenda (the one just made among them).
    expect(page.data.agendaMeetings.map((m: any) => m.id)).toContain(Number(MEETINGS.get(id)));
    expect(page.data.agendaMeetings[0]).toEqual(expect.objectContaining({ id: expect.any(Number), date: expect.any(String), version: expect.any(Number) }));
  });

  it("is for the steering group only", async () => {
    const id = await newInitiative();
    expect((await load(id, await sessionCookieFor("program_manager"))).status).toBe(403);
    expect((await load(id, await sessionCookieFor("knowledge_staff"))).status).toBe(403);
  });

  it("answers 404 for an unknown initiative", async () => {
    const cookie = await sessionCookieFor("steering_group");
    expect((await load(999999, cookie)).status).toBe(404);
    expect((await load("abc", cookie)).status).toBe(404);
  });

  it("offers only hold and stop in dissemination, resume and stop on hold, and says why nothing once stopped", async () => {
    const cookie = await sessionCookieFor("steering_group");
    const dissemination = await load(await newInitiative({ phase: "dissemination" }), cookie);
    expect(dissemination.data.blocker).toBeNull();
    expect(dissemination.data.outcomes).toEqual(["hold", "stop"]);
    expect(dissemination.data.targets).toEqual([]);
    const held = await load(await newInitiative({ phase: "trial", status: "on_hold" }), cookie);
    expect(held.data.blocker).toBeNull();
    expect(held.data.outcomes).toEqual(["resume", "stop"]);
    const stopped = await load(await newInitiative({ phase: "maturation", status: "stopped" }), cookie);
    expect(stopped.data.blocker).toEqual({ code: "initiative_closed", status: "stopped" });
  });
});

describe("POST /initiativer/:id/beslutning", () => {
  it("Go with every criterion met moves the initiative on and redirects to its page, which shows the new phase", async () => {
    const id = await newInitiative({ phase: "maturation" });
    const assessmentId = await submittedAssessment(id, "maturation", "trial");
    const cookie = await sessionCookieFor("steering_group");
    const res = await post(id, go("trial"), cookie);
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/initiativer/${id}#beslutninger`);

    const page = await outcome(initiativeRoute.loader(args(get(`/initiativer/${id}`, cookie), { id })));
    expect(page.data.initiative).toMatchObject({ phase: "trial", status: "active", version: 2 });
    expect(page.data.decisions).toHaveLength(1);
    expect(page.data.decisions[0]).toMatchObject({
      outcome: "go", from_phase: "maturation", to_phase: "trial", assessment_id: assessmentId, decided_by_name: "Søren Styregruppe",
    });
    const periods = await listPhasePeriods(db(), id);
    expect(periods.map((p) => p.phase)).toEqual(["maturation", "trial"]);
  });

  it("skips a phase when the submitted assessment covers every gate crossed", async () => {
    const id = await newInitiative({ phase: "maturation" });
    await submittedAssessment(id, "maturation", "dissemination");
    const res = await post(id, go("dissemination"), await sessionCookieFor("steering_group"));
    expect(res.status).toBe(302);
    expect((await getInitiative(db(), id))?.phase).toBe("dissemination");
  });

  it("refuses Go with a criterion not met with 409 naming it, and writes nothing", async () => {
    const id = await newInitiative({ phase: "screening" });
    await submittedAssessment(id, "screening", "maturation", { "toMaturation.in_demand": { judgement: "not_met" } });
    const before = await snapshot(id);
    const res = await post(id, go("maturation"), await sessionCookieFor("steering_group"));
    expect(res.status).toBe(409);
    expect(res.data.refusals).toEqual(["Go afvist: kriteriet 'Indsatsen er efterspurgt' er ikke opfyldt (Ikke opfyldt)"]);
    expect(await snapshot(id)).toEqual(before);
    expect(before).toMatchObject({ phase: "screening", decisions: 0 });
  });

  it("names every refusal at once, in the reader's language", async () => {
    const id = await newInitiative({ phase: "screening", track: null });
    await submittedAssessment(id, "screening", "maturation", { "toMaturation.realistic": null });
    const cookie = `${await sessionCookieFor("steering_group")}; lang=en`;
    const res = await post(id, go("maturation", { outcome: "conditional_go", "conditions[0].text": "Plan", "conditions[0].owner": "PL", "conditions[0].dueDate": "2026-09-30" }), cookie);
    expect(res.status).toBe(409);
    expect(res.data.refusals).toEqual([
      "Conditional go refused: the criterion 'The intervention is realistic both to trial and to run' is not met (Not yet judged)",
      "The track has not been chosen. It must be chosen before the initiative leaves screening.",
      "The reason for the choice of track is missing. It must be given before the initiative leaves screening.",
    ]);
  });

  it("refuses to leave screening while the track is not chosen", async () => {
    const id = await newInitiative({ phase: "screening", track: null });
    await submittedAssessment(id, "screening", "maturation");
    const res = await post(id, go("maturation"), await sessionCookieFor("steering_group"));
    expect(res.status).toBe(409);
    expect(res.data.refusals).toContain("Sporet er ikke valgt. Det skal vælges, før initiativet forlader screeningsfasen.");
  });

  it("refuses Go without a submitted assessment for the span", async () => {
    const id = await newInitiative({ phase: "maturation" });
    await submittedAssessment(id, "maturation", "trial");
    const res = await post(id, go("dissemination"), await sessionCookieFor("steering_group"));
    expect(res.status).toBe(409);
    expect(res.data.refusals).toEqual(["Go afvist: der er ingen indsendt SUSI-vurdering fra Modning til Udbredelse."]);
  });

  it("lets a track-2 criterion pass as partly met and stores its justification with the decision", async () => {
    const id = await newInitiative({ phase: "maturation", track: 2 });
    await submittedAssessment(id, "maturation", "trial", {
      "toTrial.implemented": { judgement: "partly_met", justification: "Varierer med konteksten; kernen er implementeret." },
    });
    const res = await post(id, go("trial"), await sessionCookieFor("steering_group"));
    expect(res.status).toBe(302);
    const [d] = await listDecisions(db(), id);
    expect(d.flexibly_passed).toEqual([{ criterionId: "toTrial.implemented", justification: "Varierer med konteksten; kernen er implementeret." }]);
  });

  it("is refused with 403 for a program manager, and nothing is written", async () => {
    const id = await newInitiative({ phase: "maturation" });
    await submittedAssessment(id, "maturation", "trial");
    const before = await snapshot(id);
    const res = await post(id, go("trial"), await sessionCookieFor("program_manager"));
    expect(res.status).toBe(403);
    expect(await snapshot(id)).toEqual(before);
  });

  it("answers 404 for an unknown initiative", async () => {
    const res = await post(999999, go("trial"), await sessionCookieFor("steering_group"));
    expect(res.status).toBe(404);
  });

  it.each([
    ["no outcome", { rationale: "Begrundelse", version: "1" }, "outcome", "decision.error.outcome"],
    ["a missing rationale", { outcome: "hold", rationale: "  ", version: "1" }, "rationale", "error.required"],
    ["Go without a target phase", { outcome: "go", rationale: "x", version: "1" }, "targetPhase", "decision.error.targetRequired"],
    [
      "a conditional go with an incomplete condition",
      { outcome: "conditional_go", targetPhase: "trial", rationale: "x", version: "1", "conditions[0].text": "Plan afleveres", "conditions[0].dueDate": "2026-09-30" },
      "conditions[0].owner", "error.required",
    ],
    [
      "a conditional go with an impossible due date",
      { outcome: "conditional_go", targetPhase: "trial", rationale: "x", version: "1", "conditions[0].text": "Plan", "conditions[0].owner": "PL", "conditions[0].dueDate": "2026-02-30" },
      "conditions[0].dueDate", "error.invalidDate",
    ],
    ["a conditional go with no condition", { outcome: "conditional_go", targetPhase: "trial", rationale: "x", version: "1" }, "conditions", "decision.error.conditionsRequired"],
    [
      "conditions on a plain Go",
      { outcome: "go", targetPhase: "trial", rationale: "x", version: "1", "conditions[0].text": "Plan" },
      "conditions", "decision.error.conditionsNotAllowed",
    ],
  ])("answers %s with 400 naming the field, and writes nothing", async (_, fields, field, message) => {
    const id = await newInitiative({ phase: "maturation" });
    await submittedAssessment(id, "maturation", "trial");
    const before = await snapshot(id);
    const res = await post(id, fields as Record<string, string>, await sessionCookieFor("steering_group"));
    expect(res.status).toBe(400);
    expect(res.data.result.error[field]).toEqual([message]);
    expect(await snapshot(id)).toEqual(before);
  });

  it("ignores blank condition rows on a plain Go", async () => {
    const id = await newInitiative({ phase: "maturation" });
    await submittedAssessment(id, "maturation", "trial");
    const res = await post(id, go("trial", { "conditions[0].text": "", "conditions[0].owner": "", "conditions[0].dueDate": "" }), await sessionCookieFor("steering_group"));
    expect(res.status).toBe(302);
  });

  it("answers a stale version with 409 conflict, and writes nothing", async () => {
    const id = await newInitiative({ phase: "maturation" });
    await submittedAssessment(id, "maturation", "trial");
    const cookie = await sessionCookieFor("steering_group");
    expect((await post(id, { outcome: "hold", rationale: "Afventer", version: "1" }, cookie)).status).toBe(302);
    const before = await snapshot(id);
    // A second member's form was loaded at version 1, before the Hold.
    const res = await post(id, go("trial"), cookie);
    expect(res.status).toBe(409);
    expect(res.data).toMatchObject({ conflict: true });
    expect(await snapshot(id)).toEqual(before);
  });

  it("Conditional Go stores the conditions; a later decision must close or carry each over, naming any left open", async () => {
    const id = await newInitiative({ phase: "maturation" });
    await submittedAssessment(id, "maturation", "trial");
    const cookie = await sessionCookieFor("steering_group");
    const first = await post(id, go("trial", {
      outcome: "conditional_go",
      "conditions[0].text": "Implementeringsplan afleveres", "conditions[0].owner": "Programleder", "conditions[0].dueDate": "2026-09-30",
      "conditions[1].text": "Økonomisk analyse", "conditions[1].owner": "SØM-enheden", "conditions[1].dueDate": "2026-10-31",
    }), cookie);
    expect(first.status).toBe(302);
    const [plan, analysis] = await listConditions(db(), id, "open");
    expect([plan.text, analysis.text]).toEqual(["Implementeringsplan afleveres", "Økonomisk analyse"]);

    // The page lists them for resolution.
    expect((await load(id, cookie)).data.openConditions.map((c: any) => c.id)).toEqual([plan.id, analysis.id]);

    const before = await snapshot(id);
    const refused = await post(id, { outcome: "hold", rationale: "Afventer analysen", version: "2", [`resolution-${plan.id}`]: "close" }, cookie);
    expect(refused.status).toBe(409);
    expect(refused.data.refusals).toEqual(["Betingelsen 'Økonomisk analyse' skal lukkes eller videreføres"]);
    expect(refused.data.result.error[`resolution-${analysis.id}`]).toEqual(["Betingelsen 'Økonomisk analyse' skal lukkes eller videreføres"]);
    expect(await snapshot(id)).toEqual(before);

    const ok = await post(id, {
      outcome: "hold", rationale: "Afventer analysen", version: "2", [`resolution-${plan.id}`]: "close", [`resolution-${analysis.id}`]: "carry_over",
    }, cookie);
    expect(ok.status).toBe(302);
    const open = await listConditions(db(), id, "open");
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ text: "Økonomisk analyse", carried_from_id: analysis.id });
    expect(await getInitiative(db(), id)).toMatchObject({ phase: "trial", status: "on_hold" });
  });

  it("refuses a Go or Recycle on a dissemination initiative with 409 naming the rule", async () => {
    const id = await newInitiative({ phase: "dissemination" });
    const before = await snapshot(id);
    const res = await post(id, { outcome: "recycle", rationale: "Gentag", version: "1" }, await sessionCookieFor("steering_group"));
    expect(res.status).toBe(409);
    expect(res.data.refusals[0]).toMatch(/^Initiativet er i Udbredelse/);
    expect(await snapshot(id)).toEqual(before);
  });

  it("stopping an initiative in dissemination is a steering-group decision", async () => {
    const id = await newInitiative({ phase: "dissemination" });
    expect((await post(id, { outcome: "stop", rationale: "Udbredelsen afsluttes", version: "1" }, await sessionCookieFor("program_manager"))).status).toBe(403);
    const res = await post(id, { outcome: "stop", rationale: "Udbredelsen afsluttes", version: "1" }, await sessionCookieFor("steering_group"));
    expect(res.status).toBe(302);
    expect(await getInitiative(db(), id)).toMatchObject({ phase: "dissemination", status: "stopped" });
  });

  it("a held initiative takes only resume or stop: Go is refused naming the hold, Resume makes it active in the same phase", async () => {
    const id = await newInitiative({ phase: "maturation", status: "on_hold" });
    const cookie = await sessionCookieFor("steering_group");
    const before = await snapshot(id);
    const go = await post(id, { outcome: "go", targetPhase: "trial", rationale: "Videre", version: "1" }, cookie);
    expect(go.status).toBe(409);
    expect(go.data.refusals.join(" ")).toMatch(/sat i bero/);
    expect(await snapshot(id)).toEqual(before);
    const resume = await post(id, { outcome: "resume", rationale: "Finansieringen er på plads igen", version: "1" }, cookie);
    expect(resume.status).toBe(302);
    expect(await getInitiative(db(), id)).toMatchObject({ phase: "maturation", status: "active", version: 2 });
    const decisions = await db().selectFrom("decisions").select(["outcome", "resulting_status"]).where("initiative_id", "=", id).execute();
    expect(decisions).toEqual([{ outcome: "resume", resulting_status: "active" }]);
  });

  it("is refused outside a meeting with 400 naming the meeting field, and writes nothing", async () => {
    const id = await newInitiative({ phase: "maturation" });
    await submittedAssessment(id, "maturation", "trial");
    const before = await snapshot(id);
    const res = await post(id, go("trial", { meetingId: "" }), await sessionCookieFor("steering_group"));
    expect(res.status).toBe(400);
    expect(res.data.refusals).toEqual(["En styregruppebeslutning træffes på et møde: vælg mødet."]);
    expect(res.data.result.error.meetingId).toEqual(res.data.refusals);
    expect(await snapshot(id)).toEqual(before);
  });

  it("outside a meeting with another rule broken too, is 409 naming both", async () => {
    const id = await newInitiative({ phase: "maturation" });
    const res = await post(id, go("trial", { meetingId: "" }), await sessionCookieFor("steering_group"));
    expect(res.status).toBe(409);
    expect(res.data.refusals).toEqual([
      "En styregruppebeslutning træffes på et møde: vælg mødet.",
      "Go afvist: der er ingen indsendt SUSI-vurdering fra Modning til Afprøvning.",
    ]);
  });

  it("adds a condition row without JavaScript and writes nothing", async () => {
    const id = await newInitiative({ phase: "maturation" });
    const before = await snapshot(id);
    const res = await post(id, {
      outcome: "conditional_go", rationale: "x", version: "1",
      __intent__: JSON.stringify({ type: "insert", payload: { name: "conditions" } }),
    }, await sessionCookieFor("steering_group"));
    expect(res.status).toBe(200);
    expect(res.data.result.initialValue.conditions).toHaveLength(1);
    expect(await snapshot(id)).toEqual(before);
  });
});
