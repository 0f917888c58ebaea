// Decisions taken at a steering-group meeting: quorum, the chair, the confirmation step, the meeting's date,
// the members present and the frozen dossier, and a member's dissent. Real Requests on a seeded database.
import { describe, expect, it } from "vitest";
import { addUserInvolvement } from "#db/queries/initiatives";
import { listGroupMembers } from "#db/queries/meetings";
import * as decisionRoute from "~/routes/initiativer.$id.beslutning/route";
import * as recordRoute from "~/routes/initiativer.$id.beslutninger.$did/route";
import * as somNewRoute from "~/routes/initiativer.$id.som.ny";
import * as somEditRoute from "~/routes/initiativer.$id.som.$cid/route";
import * as planRoute from "~/routes/styregruppe.moeder.ny/route";
import * as meetingRoute from "~/routes/styregruppe.moeder.$mid._index/route";
import { db } from "~/utils/db.server";
import { validFormFields } from "../schemas/som-form-fixtures";
import { args, BASE, count, formRequest, get, outcome, sessionCookieFor, sessionCookieForEmail } from "./helpers";
import { newInitiative, submittedAssessment } from "./governance-fixtures";

const CHAIR = "styregruppe@susi.test";
const SECOND = "styregruppe2@susi.test";
const THIRD = "styregruppe3@susi.test";

async function memberId(email: string) {
  return (await db().selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}

/** An initiative in trial with a submitted assessment, a SØM calculation and a user involvement entry, on a meeting's agenda. */
async function arrange(present: string[], date = "2026-11-20") {
  const chair = await sessionCookieForEmail(CHAIR);
  const id = await newInitiative("Housing First i flere kommuner", "trial");
  const assessmentId = await submittedAssessment(id, "trial", "dissemination");
  const pm = await sessionCookieFor("program_manager");
  const som = await outcome(somNewRoute.action(args(formRequest(`${BASE}/initiativer/${id}/som/ny`, validFormFields(), pm), { id })));
  const cid = Number(/\/som\/(\d+)/.exec(som.location ?? "")?.[1]);
  expect(cid).toBeGreaterThan(0);
  const pmId = await memberId("programleder@susi.test");
  await db().transaction().execute((trx) =>
    addUserInvolvement(trx, { initiativeId: id, phase: "trial", who: "Borgerpanel", how: "Tre workshops", whatChanged: "Forløbet blev kortere" }, pmId, "2026-10-01T10:00:00.000Z"));
  const plan = await outcome(planRoute.action(args(formRequest(`${BASE}/styregruppe/moeder/ny`, { date, chairId: String(await memberId(CHAIR)) }, chair))));
  const mid = Number(plan.location!.split("/").pop());
  const act = (fields: Record<string, string>) => outcome(meetingRoute.action(args(formRequest(`${BASE}/styregruppe/moeder/${mid}`, fields, chair), { mid })));
  expect((await act({ intent: "agenda", initiativeId: String(id), version: "1" })).status).toBe(302);
  const ids = await Promise.all(present.map(memberId));
  const body = new URLSearchParams({ intent: "attendance", version: "2" });
  for (const p of ids) body.append("present", String(p));
  const attendance = await outcome(meetingRoute.action(args(new Request(`${BASE}/styregruppe/moeder/${mid}`, {
    method: "POST", headers: { Cookie: chair, "Content-Type": "application/x-www-form-urlencoded" }, body,
  }), { mid })));
  expect(attendance.status).toBe(302);
  return { id, mid, cid, assessmentId, chair };
}

const go = (mid: number, extra: Record<string, string> = {}) => ({
  outcome: "go", targetPhase: "dissemination", rationale: "Alle kriterier er opfyldt.", version: "1", meetingId: String(mid), ...extra,
});

function decide(id: number, fields: Record<string, string>, cookie: string) {
  return outcome(decisionRoute.action(args(formRequest(`${BASE}/initiativer/${id}/beslutning`, fields, cookie), { id })));
}

async function written(id: number) {
  const n = async (table: "decisions" | "conditions" | "phase_periods") =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).where("initiative_id", "=", id).executeTakeFirstOrThrow()).n);
  const i = await db().selectFrom("initiatives").select(["phase", "version"]).where("id", "=", id).executeTakeFirstOrThrow();
  return { ...i, decisions: await n("decisions"), periods: await n("phase_periods"), members: await count("decision_members_present") };
}

describe("a decision at a meeting", () => {
  it("is refused without quorum, naming the rule, and nothing is written", async () => {
    expect((await listGroupMembers(db())).length).toBe(3);
    const { id, mid, chair } = await arrange([CHAIR]);
    const before = await written(id);
    const res = await decide(id, { ...go(mid), confirmed: "yes" }, chair);
    expect(res.status).toBe(409);
    expect(res.data.refusals).toEqual([
      "Mødet er ikke beslutningsdygtigt: 1 af 3 medlemmer er til stede, og reglen kræver et flertal (2).",
    ]);
    expect(res.data.result.error.meetingId).toEqual(res.data.refusals);
    expect(await written(id)).toEqual(before);
  });

  it("is recorded only by the chair", async () => {
    const { id, mid } = await arrange([CHAIR, SECOND]);
    const res = await decide(id, { ...go(mid), confirmed: "yes" }, await sessionCookieForEmail(SECOND));
    expect(res.status).toBe(409);
    expect(res.data.refusals).toEqual(["Kun mødelederen registrerer udfaldet af et punkt."]);
  });

  it("asks for confirmation first, then carries the meeting's date, the members present and the dossier", async () => {
    const { id, mid, chair } = await arrange([CHAIR, SECOND]);
    const before = await written(id);
    const asked = await decide(id, go(mid), chair);
    expect(asked.status).toBe(200);
    expect(asked.data.confirm).toMatchObject({ outcome: "go", target: "dissemination", meetingId: mid });
    expect(asked.data.confirm.fields).toContainEqual(["meetingId", String(mid)]);
    expect(await written(id)).toEqual(before);

    const res = await decide(id, { ...go(mid), confirmed: "yes" }, chair);
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/initiativer/${id}#beslutninger`);
    expect(res.response?.headers.get("Set-Cookie")).toContain("susi_flash=");
    const d = await db().selectFrom("decisions").selectAll().where("initiative_id", "=", id).executeTakeFirstOrThrow();
    expect(d).toMatchObject({ meeting_id: mid, decided_at: "2026-11-20T12:00:00.000Z" });
    const periods = await db().selectFrom("phase_periods").selectAll().where("initiative_id", "=", id).orderBy("id").execute();
    expect(periods.at(-1)).toMatchObject({ phase: "dissemination", actual_start: "2026-11-20" });

    const page = await outcome(recordRoute.loader(args(get(`/initiativer/${id}/beslutninger/${d.id}`, chair), { id, did: d.id })));
    expect(page.data.members.map((m: any) => [m.name, m.is_chair])).toEqual([["Sigrid Sektionschef", 0], ["Søren Styregruppe", 1]]);
    const dossier = page.data.dossier;
    expect(dossier.assessment.criteria).toHaveLength(5);
    expect(dossier.assessment.criteria[0]).toMatchObject({ judgement: "met", evidenceLevel: "2" });
    expect(dossier.assessment.criteria[0].evidence).toMatch(/^Evaluering af toDissemination\./);
    expect(dossier.involvement).toEqual([{ who: "Borgerpanel", how: "Tre workshops", whatChanged: "Forløbet blev kortere", createdAt: "2026-10-01T10:00:00.000Z" }]);
    expect(dossier.calculations).toHaveLength(1);
    expect(dossier.calculations[0]).toMatchObject({ title: "Forventet forløb", versionNumber: 1, failed: false });
    expect(dossier.calculations[0].presentValueNet).toMatch(/^-?\d+(\.\d+)?$/);
    expect(Object.keys(dossier.calculations[0].byPayer)).toEqual(["kommune", "region", "stat"]);
  });

  it("keeps the frozen dossier unchanged after the assessment, the SØM calculation, the involvement and the assessors' own judgements are edited", async () => {
    const { id, mid, cid, assessmentId, chair } = await arrange([CHAIR, SECOND]);
    // Two assessors: the lead agrees with the consolidation, the co-assessor judged the effect only partly met.
    const [pia, peter] = [await memberId("programleder@susi.test"), await memberId("projektleder@susi.test")];
    const at = "2026-02-01T12:00:00.000Z";
    await db().insertInto("assessment_assessors").values([
      { assessment_id: assessmentId, user_id: pia, role: "lead", added_by: pia, added_at: at },
      { assessment_id: assessmentId, user_id: peter, role: "co_assessor", added_by: pia, added_at: at },
    ]).execute();
    await db().insertInto("assessor_judgements").values([
      { assessment_id: assessmentId, user_id: pia, criterion_id: "toDissemination.positive_effect", judgement: "met", evidence: "Pias evidens", evidence_level: "2", justification: "", assessed_at: at },
      { assessment_id: assessmentId, user_id: peter, criterion_id: "toDissemination.positive_effect", judgement: "partly_met", evidence: "Peters tvivl", evidence_level: "3", justification: "Virker kun i to af tre kommuner", assessed_at: at },
    ]).execute();
    // The live dossier on the decision page shows who said what.
    const live = (await outcome(decisionRoute.loader(args(get(`/initiativer/${id}/beslutning?moede=${mid}`, chair), { id })))).data.dossier;
    const effect = live.assessorViews.criteria.find((c: any) => c.criterionId === "toDissemination.positive_effect");
    expect(effect.consolidated).toMatchObject({ judgement: "met" });
    expect(effect.assessors.map((a: any) => [a.name, a.judgement, a.evidence, a.differs])).toEqual([
      ["Pia Programleder", "met", "Pias evidens", false], ["Peter Projektleder", "partly_met", "Peters tvivl", true],
    ]);

    expect((await decide(id, { ...go(mid), confirmed: "yes" }, chair)).status).toBe(302);
    const did = (await db().selectFrom("decisions").select("id").where("initiative_id", "=", id).executeTakeFirstOrThrow()).id;
    const load = () => outcome(recordRoute.loader(args(get(`/initiativer/${id}/beslutninger/${did}`, chair), { id, did })));
    const frozen = (await load()).data.dossier;
    expect(frozen.assessorViews).toEqual(live.assessorViews);

    await db().updateTable("assessor_judgements").set({ judgement: "met", evidence: "Peter skiftede mening" }).where("user_id", "=", peter).execute();
    await db().insertInto("assessment_assessors").values({ assessment_id: assessmentId, user_id: await memberId(THIRD), role: "co_assessor", added_by: pia, added_at: at }).execute();

    await db().updateTable("assessment_judgements").set({ evidence: "Rettet bagefter", evidence_level: "3" }).where("assessment_id", "=", assessmentId).execute();
    await db().updateTable("assessments").set({ overall_assessment: "Omskrevet" }).where("id", "=", assessmentId).execute();
    const pm = await sessionCookieFor("program_manager");
    const saved = await outcome(somEditRoute.action(args(formRequest(`${BASE}/initiativer/${id}/som/${cid}`, validFormFields({ version: "1", title: "Ny titel", "cohorts[0].citizens": "400" }), pm), { id, cid })));
    expect(saved.status).toBe(302);
    const pmId = await memberId("programleder@susi.test");
    await db().transaction().execute((trx) =>
      addUserInvolvement(trx, { initiativeId: id, phase: "trial", who: "Pårørende", how: "Interview", whatChanged: "Intet" }, pmId, "2026-12-01T10:00:00.000Z"));
    await db().updateTable("user_involvements").set({ who: "Ændret panel" }).where("initiative_id", "=", id).where("who", "=", "Borgerpanel").execute();

    expect((await load()).data.dossier).toEqual(frozen);
    expect(frozen.assessment.overallAssessment).toBe("Lovende");
    expect(frozen.calculations[0].title).toBe("Forventet forløb");
    expect(frozen.assessorViews.assessors.map((a: any) => a.name)).toEqual(["Pia Programleder", "Peter Projektleder"]);
  });
});

describe("the dossier's open conditions", () => {
  it("show an overdue condition as overdue, live and as frozen with the decision", async () => {
    const { id, mid, chair } = await arrange([CHAIR, SECOND]);
    const { id: earlier } = await db().insertInto("decisions").values({
      initiative_id: id, outcome: "conditional_go", from_phase: "maturation", to_phase: "trial", resulting_phase: "trial",
      resulting_status: "active", rationale: "Betinget", flexibly_passed: "[]", decided_at: "2026-01-10T12:00:00.000Z",
    }).returning("id").executeTakeFirstOrThrow();
    const { id: cid } = await db().insertInto("conditions").values({
      initiative_id: id, decision_id: earlier, text: "Driftsaftale", owner: "Programleder", due_date: "2026-03-01", status: "open",
    }).returning("id").executeTakeFirstOrThrow();
    const live = (await outcome(decisionRoute.loader(args(get(`/initiativer/${id}/beslutning?moede=${mid}`, chair), { id })))).data.dossier;
    expect(live.openConditions).toEqual([{ id: cid, text: "Driftsaftale", owner: "Programleder", dueDate: "2026-03-01", standing: "overdue" }]);
    expect((await decide(id, { ...go(mid), [`resolution-${cid}`]: "close", confirmed: "yes" }, chair)).status).toBe(302);
    const did = (await db().selectFrom("decisions").select("id").where("initiative_id", "=", id).where("meeting_id", "=", mid).executeTakeFirstOrThrow()).id;
    const frozen = (await outcome(recordRoute.loader(args(get(`/initiativer/${id}/beslutninger/${did}`, chair), { id, did })))).data.dossier;
    expect(frozen.openConditions).toEqual(live.openConditions);
  });
});

describe("dissent", () => {
  async function decided() {
    const a = await arrange([CHAIR, SECOND]);
    expect((await decide(a.id, { ...go(a.mid), confirmed: "yes" }, a.chair)).status).toBe(302);
    const did = (await db().selectFrom("decisions").select("id").where("initiative_id", "=", a.id).executeTakeFirstOrThrow()).id;
    const post = (fields: Record<string, string>, cookie: string) =>
      outcome(recordRoute.action(args(formRequest(`${BASE}/initiativer/${a.id}/beslutninger/${did}`, fields, cookie), { id: a.id, did })));
    return { ...a, did, post };
  }

  it("a member present records one dissent with a reason; it stands on the decision", async () => {
    const { id, did, post } = await decided();
    const second = await sessionCookieForEmail(SECOND);
    expect((await post({ reason: "Evidensen for effekten er for svag." }, second)).status).toBe(302);
    const page = await outcome(recordRoute.loader(args(get(`/initiativer/${id}/beslutninger/${did}`, second), { id, did })));
    expect(page.data.dissents.map((d: any) => [d.name, d.reason])).toEqual([["Sigrid Sektionschef", "Evidensen for effekten er for svag."]]);
    expect(page.data.canDissent).toBe(false);
    const again = await post({ reason: "Igen" }, second);
    expect(again.status).toBe(409);
    expect(again.data.refusals).toEqual(["Du har allerede registreret en dissens til beslutningen."]);
  });

  it("is refused for a member who was absent (409), without a reason (400) and for other roles (403); nothing written", async () => {
    const { post } = await decided();
    const before = await count("decision_dissents");
    const absent = await post({ reason: "Jeg var der ikke" }, await sessionCookieForEmail(THIRD));
    expect(absent.status).toBe(409);
    expect(absent.data.refusals).toEqual(["Kun medlemmer, der var til stede ved mødet, kan registrere en dissens."]);
    const empty = await post({ reason: "  " }, await sessionCookieForEmail(SECOND));
    expect(empty.status).toBe(400);
    expect(empty.data.result.error.reason).toEqual(["error.required"]);
    expect((await post({ reason: "x" }, await sessionCookieFor("program_manager"))).status).toBe(403);
    expect(await count("decision_dissents")).toBe(before);
  });

  it("answers an unknown decision with 404", async () => {
    const { id, chair } = await decided();
    expect((await outcome(recordRoute.loader(args(get(`/initiativer/${id}/beslutninger/999999`, chair), { id, did: 999999 })))).status).toBe(404);
  });
});

describe("the minutes", () => {
  it("list each agenda item's decision, conditions and dissent", async () => {
    const { id, mid, chair } = await arrange([CHAIR, SECOND]);
    const other = await newInitiative("Bedre overgang til voksenlivet", "trial");
    await submittedAssessment(other, "trial", "dissemination");
    const add = await outcome(meetingRoute.action(args(formRequest(`${BASE}/styregruppe/moeder/${mid}`, { intent: "agenda", initiativeId: String(other), version: "3" }, chair), { mid })));
    expect(add.status).toBe(302);
    expect((await decide(id, { ...go(mid), confirmed: "yes" }, chair)).status).toBe(302);
    const conditional = await decide(other, {
      ...go(mid), outcome: "conditional_go", "conditions[0].text": "Implementeringsplan", "conditions[0].owner": "Programleder",
      "conditions[0].dueDate": "2027-03-31", confirmed: "yes",
    }, chair);
    expect(conditional.status).toBe(302);
    const did = (await db().selectFrom("decisions").select("id").where("initiative_id", "=", other).executeTakeFirstOrThrow()).id;
    const second = await sessionCookieForEmail(SECOND);
    expect((await outcome(recordRoute.action(args(formRequest(`${BASE}/initiativer/${other}/beslutninger/${did}`, { reason: "For tidligt" }, second), { id: other, did })))).status).toBe(302);

    const { loader } = await import("~/routes/styregruppe.moeder.$mid.referat/route");
    const minutes = await outcome(loader(args(get(`/styregruppe/moeder/${mid}/referat`, chair), { mid })));
    expect(minutes.status).toBe(200);
    expect(minutes.data.present.map((p: any) => p.name)).toEqual(["Sigrid Sektionschef", "Søren Styregruppe"]);
    expect(minutes.data.absent.map((p: any) => p.name)).toEqual(["Svend Kontorchef"]);
    expect(minutes.data.items.map((i: any) => [i.title, i.outcome, i.conditions.map((c: any) => c.text), i.dissents.map((d: any) => d.reason)])).toEqual([
      ["Housing First i flere kommuner", "go", [], []],
      ["Bedre overgang til voksenlivet", "conditional_go", ["Implementeringsplan"], ["For tidligt"]],
    ]);
    // The minutes are part of the record every decision links to: register staff read them, only members manage the meeting.
    expect((await outcome(loader(args(get(`/styregruppe/moeder/${mid}/referat`, await sessionCookieFor("program_manager")), { mid })))).status).toBe(200);
    expect((await outcome(meetingRoute.loader(args(get(`/styregruppe/moeder/${mid}`, await sessionCookieFor("program_manager")), { mid })))).status).toBe(403);
  });
});
