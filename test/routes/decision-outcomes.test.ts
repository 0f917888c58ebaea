// The decision form's continuation and outcome fields (issue 8): a Go under a new agreement creates the linked
// successor and completes the predecessor; a Stop records its reason; bad input is 400 (the form) or 422 (the
// workflow's field rules) naming the field, with nothing written. Real Requests on a seeded database.
import { describe, expect, it } from "vitest";
import { getInitiative, getLinks } from "#db/queries/initiatives";
import { listPhaseOutcomes } from "#db/queries/outcomes";
import * as decisionRoute from "~/routes/initiativer.$id.beslutning/route";
import * as initiativeRoute from "~/routes/initiativer.$id._index/route";
import { db } from "~/utils/db.server";
import { meetingFor, newInitiative, submittedAssessment } from "./governance-fixtures";
import { args, BASE, count, formRequest, get, outcome, sessionCookieFor } from "./helpers";

async function arrange() {
  const id = await newInitiative("Bostøtte i overgange", "maturation");
  await submittedAssessment(id, "maturation", "trial");
  return { id, meetingId: await meetingFor(id), cookie: await sessionCookieFor("steering_group") };
}

function post(id: number, fields: Record<string, string>, cookie: string) {
  return outcome(decisionRoute.action(args(formRequest(`${BASE}/initiativer/${id}/beslutning`, { version: "1", confirmed: "yes", ...fields }, cookie), { id })));
}

const go = (meetingId: string, extra: Record<string, string> = {}) => ({
  outcome: "go", targetPhase: "trial", rationale: "Kriterierne er opfyldt.", meetingId, ...extra,
});

async function nothingWritten(id: number, initiativesBefore: number) {
  expect(await getInitiative(db(), id)).toMatchObject({ phase: "maturation", status: "active", version: 1 });
  expect(await count("initiatives")).toBe(initiativesBefore);
  expect(await listPhaseOutcomes(db(), id)).toEqual([]);
  expect(await db().selectFrom("decisions").select("id").where("initiative_id", "=", id).execute()).toEqual([]);
}

describe("continuing as a new initiative under a new agreement", () => {
  it("creates the successor, prefilled and linked, and completes the predecessor by the same decision", async () => {
    const { id, meetingId, cookie } = await arrange();
    const res = await post(id, go(meetingId, { continuation: "new_initiative", successorTitle: "Bostøtte i overgange — afprøvning", successorAgreementYear: "2026" }), cookie);
    expect(res.status).toBe(302);
    expect(await getInitiative(db(), id)).toMatchObject({ phase: "maturation", status: "completed", version: 2 });
    const { successors } = await getLinks(db(), id);
    expect(successors.map((s) => s.title)).toEqual(["Bostøtte i overgange — afprøvning"]);
    expect(await getInitiative(db(), successors[0].id)).toMatchObject({ phase: "trial", status: "active", area: "children", target_group: "Unge", agreement_label: "UIP 2026" });
    expect(await listPhaseOutcomes(db(), id)).toMatchObject([{ kind: "carried_on", successorId: successors[0].id, continuesInYear: 2026 }]);

    // The initiative page shows the outcome and the successor; the successor's shows its predecessor.
    const page = await outcome(initiativeRoute.loader(args(get(`/initiativer/${id}`, cookie), { id })));
    expect(page.data.phaseOutcomes).toMatchObject([{ kind: "carried_on", successorId: successors[0].id }]);
    expect(page.data.links.successors.map((s: { id: number }) => s.id)).toEqual([successors[0].id]);
    const next = await outcome(initiativeRoute.loader(args(get(`/initiativer/${successors[0].id}`, cookie), { id: successors[0].id })));
    expect(next.data.links.predecessors.map((s: { id: number }) => s.id)).toEqual([id]);
  });

  it("without the title and the agreement year is 422 naming both fields, and nothing is written", async () => {
    const { id, meetingId, cookie } = await arrange();
    const before = await count("initiatives");
    const res = await post(id, go(meetingId, { continuation: "new_initiative", successorTitle: " " }), cookie);
    expect(res.status).toBe(422);
    expect(Object.keys(res.data.result.error)).toEqual(expect.arrayContaining(["successorTitle", "successorAgreementYear"]));
    expect(res.data.result.error.successorTitle[0]).toContain("titel");
    await nothingWritten(id, before);
  });

  it("under an agreement the initiative already belongs to is 422 on the year", async () => {
    const { id, meetingId, cookie } = await arrange();
    const before = await count("initiatives");
    const res = await post(id, go(meetingId, { continuation: "new_initiative", successorTitle: "Ny", successorAgreementYear: "2024" }), cookie);
    expect(res.status).toBe(422);
    expect(res.data.result.error.successorAgreementYear[0]).toContain("UIP 2024");
    await nothingWritten(id, before);
  });

  it("for a Conditional Go is 422 on the continuation", async () => {
    const { id, meetingId, cookie } = await arrange();
    const before = await count("initiatives");
    const res = await post(id, go(meetingId, {
      outcome: "conditional_go", continuation: "new_initiative", successorTitle: "Ny", successorAgreementYear: "2026",
      "conditions[0].text": "Plan", "conditions[0].owner": "Programleder", "conditions[0].dueDate": "2027-03-31",
    }), cookie);
    expect(res.status).toBe(422);
    expect(Object.keys(res.data.result.error)).toEqual(["continuation"]);
    await nothingWritten(id, before);
  });

  it("a year that is not a number is 400 on the field", async () => {
    const { id, meetingId, cookie } = await arrange();
    const before = await count("initiatives");
    const res = await post(id, go(meetingId, { continuation: "new_initiative", successorTitle: "Ny", successorAgreementYear: "tyve" }), cookie);
    expect(res.status).toBe(400);
    expect(Object.keys(res.data.result.error)).toEqual(["successorAgreementYear"]);
    await nothingWritten(id, before);
  });
});

describe("the outcome of the phase", () => {
  it("a Stop records not carried on with the reason from the list, the note and recommended later", async () => {
    const { id, meetingId, cookie } = await arrange();
    const res = await post(id, {
      outcome: "stop", rationale: "Ikke fuldt implementeret.", meetingId, outcomeReason: "not_fully_implemented", outcomeNote: "COVID-19",
      recommended: "yes", recommendedYear: "2027",
    }, cookie);
    expect(res.status).toBe(302);
    expect(await listPhaseOutcomes(db(), id)).toMatchObject([{
      kind: "not_carried_on", reason: "not_fully_implemented", note: "COVID-19", recommended: true, continuesInYear: 2027, fromSource: false,
    }]);
  });

  it("a Go with methods that did not pass is partly carried on, and needs a reason (422 on the field)", async () => {
    const { id, meetingId, cookie } = await arrange();
    const before = await count("initiatives");
    const methods = { methodsPassed: "CTI\nSFT", methodsNotPassed: "ÅD" };
    const refused = await post(id, go(meetingId, methods), cookie);
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.data.result.error)).toEqual(["outcomeReason"]);
    await nothingWritten(id, before);

    expect((await post(id, go(meetingId, { ...methods, outcomeReason: "criteria_not_met" }), cookie)).status).toBe(302);
    expect(await listPhaseOutcomes(db(), id)).toMatchObject([{
      kind: "partly_carried_on", reason: "criteria_not_met",
      methods: [{ name: "CTI", passed: true }, { name: "SFT", passed: true }, { name: "ÅD", passed: false }],
    }]);
  });

  it("a reason that is not on the list is 400 on the field", async () => {
    const { id, meetingId, cookie } = await arrange();
    const before = await count("initiatives");
    const res = await post(id, { outcome: "stop", rationale: "Stop.", meetingId, outcomeReason: "budget" }, cookie);
    expect(res.status).toBe(400);
    expect(Object.keys(res.data.result.error)).toEqual(["outcomeReason"]);
    await nothingWritten(id, before);
  });

  it("a plain Go with a reason is 422 on the reason", async () => {
    const { id, meetingId, cookie } = await arrange();
    const before = await count("initiatives");
    const res = await post(id, go(meetingId, { outcomeReason: "other" }), cookie);
    expect(res.status).toBe(422);
    expect(Object.keys(res.data.result.error)).toEqual(["outcomeReason"]);
    await nothingWritten(id, before);
  });
});
