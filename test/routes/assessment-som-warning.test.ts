// The SØM warning on the assessment page (issue 7): an economy criterion ("omkostningseffektiv") judged met while
// a SØM calculation of the phase shows a negative present value is a visible warning beside the judgement, never
// a refusal. Real Requests on a seeded database; the calculation is saved through the SØM editor's own route.
import { describe, expect, it } from "vitest";
import * as pageRoute from "~/routes/initiativer.$id.vurdering.$aid/route";
import * as somNewRoute from "~/routes/initiativer.$id.som.ny";
import { validFormFields } from "../schemas/som-form-fixtures";
import { newInitiative, submittedAssessment } from "./governance-fixtures";
import { args, BASE, formRequest, get, outcome, sessionCookieFor } from "./helpers";

async function calculation(id: number, fields: Record<string, string>) {
  const pm = await sessionCookieFor("program_manager");
  const res = await outcome(somNewRoute.action(args(formRequest(`${BASE}/initiativer/${id}/som/ny`, validFormFields(fields), pm), { id })));
  expect(res.status).toBe(302);
}

const page = async (id: number, aid: number, role: "program_manager" | "steering_group" = "program_manager") =>
  outcome(pageRoute.loader(args(get(`/initiativer/${id}/vurdering/${aid}`, await sessionCookieFor(role)), { id, aid })));

describe("the assessment page's SØM warning", () => {
  it("warns where 'cost-effective' is judged met and the phase's SØM shows a negative present value", async () => {
    const id = await newInitiative("Dyr indsats", "trial");
    const aid = await submittedAssessment(id, "trial", "dissemination");
    await calculation(id, { title: "Dyrt forløb", "costs[0].amount": "90.000.000" });
    const res = await page(id, aid);
    expect(res.status).toBe(200);
    expect(res.data.somWarnings).toEqual([
      { criterionId: "toDissemination.cost_effective", calculationTitle: "Dyrt forløb", reason: "negative_present_value", value: expect.stringMatching(/^-\d/) },
    ]);
    // The same warning for the steering group reading it; it is not a refusal (the assessment stays submitted).
    expect((await page(id, aid, "steering_group")).data.somWarnings).toHaveLength(1);
    expect(res.data.assessment.status).toBe("submitted");
  });

  it("says nothing when the SØM figures agree, or when there is no calculation", async () => {
    const none = await newInitiative("Uden beregning", "trial");
    expect((await page(none, await submittedAssessment(none, "trial", "dissemination"))).data.somWarnings).toEqual([]);
    const cheap = await newInitiative("Billig indsats", "trial");
    const aid = await submittedAssessment(cheap, "trial", "dissemination");
    await calculation(cheap, { title: "Billigt forløb", "costs[0].amount": "1", "costs[1].amount": "1", "costs[2].amount": "1" });
    expect((await page(cheap, aid)).data.somWarnings).toEqual([]);
  });
});
