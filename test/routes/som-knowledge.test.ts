// The SØM knowledge database, experience database and Excel routes, called with real Requests against the
// seeded test database (which holds the labelled example entries).
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { getCalculation } from "#db/queries/som";
import { listTargetGroups } from "#db/queries/som-knowledge";
import type { Role } from "#db/schema";
import { loader as excelLoader, action as excelAction } from "~/routes/initiativer.$id.som.excel/route";
import { loader as exportLoader } from "~/routes/initiativer.$id.som.$cid_.v.$vid[.xlsx]/route";
import { loader as experienceLoader } from "~/routes/som.erfaringer._index";
import { action as entryAction, loader as entryLoader } from "~/routes/som.erfaringer.$pid/route";
import { action as publishAction, loader as publishLoader } from "~/routes/som.erfaringer.udgiv/route";
import { action as groupAction, loader as groupLoader } from "~/routes/som.viden.$tgid._index/route";
import { action as estimateEditAction, loader as estimateEditLoader } from "~/routes/som.viden.$tgid.konsekvenser.$eid/route";
import { action as estimateNewAction } from "~/routes/som.viden.$tgid.konsekvenser.ny";
import { action as editGroupAction } from "~/routes/som.viden.$tgid.rediger";
import { loader as studyEditLoader } from "~/routes/som.viden.$tgid.studier.$sid/route";
import { action as studyNewAction } from "~/routes/som.viden.$tgid.studier.ny";
import { loader as indexLoader } from "~/routes/som.viden._index";
import { action as npiAction, loader as npiLoader } from "~/routes/som.viden.npi";
import { action as newGroupAction, loader as newGroupLoader } from "~/routes/som.viden.ny";
import { buildSomWorkbook, SHEET } from "~/som/xlsx.server";
import { db } from "~/utils/db.server";
import { args, BASE, count, formRequest, get, sessionCookieFor, sessionCookieForEmail, statusOf, thrown } from "./helpers";

const ROLES: Role[] = ["program_manager", "steering_group", "knowledge_staff", "admin"];

/** A GET, or a form POST, from the first seeded user with this role (a GET without a role is anonymous). */
const getAs = async (path: string, role?: Role) => get(path, role ? await sessionCookieFor(role) : undefined);
const postAs = async (path: string, fields: Record<string, string>, role: Role) => formRequest(BASE + path, fields, await sessionCookieFor(role));

const TABLES = ["som_target_groups", "som_consequence_estimates", "som_effect_studies", "som_npi", "som_calculations", "som_calculation_versions", "som_published_calculations", "history"] as const;
async function counts() {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = await count(t);
  return out;
}

async function homelessGroup() {
  const groups = await listTargetGroups(db());
  return groups.find((g) => g.name === "Udsatte voksne i hjemløshed")!;
}

async function startFields(overrides: Record<string, string> = {}) {
  const g = await homelessGroup();
  const study = await db().selectFrom("som_effect_studies").select("id").where("target_group_id", "=", g.id).orderBy("id").executeTakeFirstOrThrow();
  return {
    g,
    fields: {
      intent: "start", initiativeId: "1", phase: "trial", scenario: "expected", studyId: String(study.id), priceYear: "2024",
      citizens: "40", courseLengthYears: "1", title: "Housing First – forventet", ...overrides,
    },
  };
}

/** Starts a calculation from the example target group through the route; returns the new calculation's id. */
async function startCalculation(): Promise<number> {
  const { g, fields } = await startFields();
  const response = (await groupAction(args(await postAs(`/som/viden/${g.id}`, fields, "program_manager"), { tgid: String(g.id) }))) as Response;
  expect(response.status).toBe(302);
  const match = /^\/initiativer\/1\/som\/(\d+)$/.exec(response.headers.get("Location") ?? "");
  expect(match).not.toBeNull();
  return Number(match![1]);
}

describe("reading the knowledge database", () => {
  it.each(ROLES)("lets a %s read the list, a target group, the index and the experience database", async (role) => {
    const index = await indexLoader(args(await getAs("/som/viden", role)));
    expect(index.groups).toHaveLength(3);
    expect(index.groups.every((g) => g.is_example === 1)).toBe(true);
    const g = index.groups[0];
    const page = await groupLoader(args(await getAs(`/som/viden/${g.id}`, role), { tgid: String(g.id) }));
    expect(page.group.name).toBe(g.name);
    expect(page.estimates.length).toBe(g.estimate_count);
    // Only program managers may start calculations, so only they get the initiatives to choose from.
    expect(page.initiatives.length > 0).toBe(role === "program_manager");
    expect((await npiLoader(args(await getAs("/som/viden/npi", role)))).rows).toHaveLength(12);
    expect((await experienceLoader(args(await getAs("/som/erfaringer", role)))).entries).toEqual([]);
  });

  it("sends someone not logged in to the login page", async () => {
    const response = await thrown(indexLoader(args(await getAs("/som/viden"))));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fsom%2Fviden");
  });

  it("answers 404 for unknown or mismatched ids", async () => {
    const g = await homelessGroup();
    const other = (await listTargetGroups(db())).find((x) => x.id !== g.id)!;
    const estimate = await db().selectFrom("som_consequence_estimates").select("id").where("target_group_id", "=", g.id).executeTakeFirstOrThrow();
    // Thunks: each call starts only when awaited, so none rejects unobserved while the next request is built.
    const calls: (() => Promise<unknown>)[] = [
      async () => groupLoader(args(await getAs("/som/viden/9999", "admin"), { tgid: "9999" })),
      async () => groupLoader(args(await getAs("/som/viden/abc", "admin"), { tgid: "abc" })),
      // An estimate addressed under another target group than its own.
      async () => estimateEditLoader(args(await getAs(`/som/viden/${other.id}/konsekvenser/${estimate.id}`, "admin"), { tgid: String(other.id), eid: String(estimate.id) })),
      async () => studyEditLoader(args(await getAs(`/som/viden/${g.id}/studier/9999`, "admin"), { tgid: String(g.id), sid: "9999" })),
      async () => entryLoader(args(await getAs("/som/erfaringer/9999", "admin"), { pid: "9999" })),
      async () => publishLoader(args(await getAs("/som/erfaringer/udgiv?version=9999", "program_manager"))),
      async () => exportLoader(args(await getAs("/initiativer/1/som/9999/v/9999.xlsx", "admin"), { id: "1", cid: "9999", vid: "9999" })),
      async () => excelLoader(args(await getAs("/initiativer/9999/som/excel", "admin"), { id: "9999" })),
    ];
    for (const call of calls) expect(statusOf(await thrown(call()))).toBe(404);
  });
});

describe("maintaining the knowledge database", () => {
  it("refuses a steering group member with 403 and writes nothing", async () => {
    const g = await homelessGroup();
    const before = await counts();
    const p = { tgid: String(g.id) };
    // Thunks: each call starts only when awaited, so none rejects unobserved while the next request is built.
    const calls: (() => Promise<unknown>)[] = [
      async () => newGroupLoader(args(await getAs("/som/viden/ny", "steering_group"))),
      async () => newGroupAction(args(await postAs("/som/viden/ny", { name: "X", area: "vulnerable_adults", ageBand: "18+", successMeasure: "Y" }, "steering_group"))),
      async () => editGroupAction(args(await postAs(`/som/viden/${g.id}/rediger`, { name: "X", area: "vulnerable_adults", ageBand: "18+", successMeasure: "Y", version: "1" }, "steering_group"), p)),
      async () => groupAction(args(await postAs(`/som/viden/${g.id}`, { intent: "delete", version: "1" }, "steering_group"), p)),
      async () => groupAction(args(await postAs(`/som/viden/${g.id}`, (await startFields()).fields, "steering_group"), p)),
      async () => estimateNewAction(args(await postAs(`/som/viden/${g.id}/konsekvenser/ny`, { label: "X" }, "steering_group"), p)),
      async () => studyNewAction(args(await postAs(`/som/viden/${g.id}/studier/ny`, { intervention: "X" }, "steering_group"), p)),
      async () => npiAction(args(await postAs("/som/viden/npi", { intent: "set", year: "2027", value: "120" }, "steering_group"))),
    ];
    for (const call of calls) expect(statusOf(await thrown(call()))).toBe(403);
    // Knowledge staff may read but not start calculations either.
    expect(statusOf(await thrown(groupAction(args(await postAs(`/som/viden/${g.id}`, (await startFields()).fields, "knowledge_staff"), p))))).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("lets an admin create a target group, add an estimate and a study, with Danish numbers", async () => {
    const created = (await newGroupAction(args(await postAs("/som/viden/ny", {
      name: "Unge med angst", area: "children_youth", ageBand: "14-17", successMeasure: "I uddannelse",
    }, "admin")))) as Response;
    expect(created.status).toBe(302);
    const tgid = /\/som\/viden\/(\d+)$/.exec(created.headers.get("Location")!)![1];
    const p = { tgid };
    const est = await estimateNewAction(args(await postAs(`/som/viden/${tgid}/konsekvenser/ny`, {
      label: "Psykiatri", consequenceArea: "Sundhed", kind: "expenditure", unit: "besøg", deltas: "-2; -1,5\t-0,5",
      priceKommune: "0", priceRegion: "1.850,50", priceStat: "0", priceYear: "2023",
    }, "admin"), p));
    expect(statusOf(est)).toBe(302);
    const study = await studyNewAction(args(await postAs(`/som/viden/${tgid}/studier/ny`, {
      intervention: "Kognitiv terapi", rateWith: "35", rateWithout: "22,5", evidenceLevel: "2", citation: "Studie 2024",
    }, "admin"), p));
    expect(statusOf(study)).toBe(302);
    const page = await groupLoader(args(await getAs(`/som/viden/${tgid}`, "admin"), p));
    expect(page.group.is_example).toBe(0);
    expect(page.estimates[0]).toMatchObject({ deltas: ["-2", "-1.5", "-0.5"], price_region: "1850.5", is_example: 0 });
    expect(page.studies[0]).toMatchObject({ rate_with: "0.35", rate_without: "0.225", evidence_level: 2 });
  });

  it("answers bad input with 400 naming the field, and writes nothing", async () => {
    const g = await homelessGroup();
    const p = { tgid: String(g.id) };
    const before = await counts();
    const cases: [Promise<unknown>, string, string][] = [
      [newGroupAction(args(await postAs("/som/viden/ny", { name: "", area: "mars", ageBand: "18+", successMeasure: "Y" }, "program_manager"))), "name", "error.required"],
      [newGroupAction(args(await postAs("/som/viden/ny", { name: "X", area: "mars", ageBand: "18+", successMeasure: "Y" }, "program_manager"))), "area", "error.invalidChoice"],
      [estimateNewAction(args(await postAs(`/som/viden/${g.id}/konsekvenser/ny`, {
        label: "X", consequenceArea: "Y", kind: "expenditure", unit: "døgn", deltas: "-1; abc", priceKommune: "1", priceRegion: "0", priceStat: "0", priceYear: "2020",
      }, "program_manager"), p)), "deltas", "somk.error.deltas"],
      [estimateNewAction(args(await postAs(`/som/viden/${g.id}/konsekvenser/ny`, {
        label: "X", consequenceArea: "Y", kind: "expenditure", unit: "døgn", deltas: "-1", priceKommune: "-5", priceRegion: "0", priceStat: "0", priceYear: "2020",
      }, "program_manager"), p)), "priceKommune", "somk.error.price"],
      [studyNewAction(args(await postAs(`/som/viden/${g.id}/studier/ny`, {
        intervention: "X", rateWith: "120", rateWithout: "2", evidenceLevel: "1", citation: "C",
      }, "program_manager"), p)), "rateWith", "somk.error.percent"],
      [npiAction(args(await postAs("/som/viden/npi", { intent: "set", year: "2027", value: "0" }, "admin"))), "value", "somk.error.npiValue"],
      [groupAction(args(await postAs(`/som/viden/${g.id}`, (await startFields({ initiativeId: "" })).fields, "program_manager"), p)), "initiativeId", "somk.error.initiative"],
      [groupAction(args(await postAs(`/som/viden/${g.id}`, (await startFields({ initiativeId: "99999" })).fields, "program_manager"), p)), "initiativeId", "somk.error.initiative"],
      [groupAction(args(await postAs(`/som/viden/${g.id}`, (await startFields({ studyId: "99999" })).fields, "program_manager"), p)), "studyId", "somk.error.study"],
      // The example index covers 2015-2026; a price year outside it cannot be reached.
      [groupAction(args(await postAs(`/som/viden/${g.id}`, (await startFields({ priceYear: "2030" })).fields, "program_manager"), p)), "priceYear", "somk.error.npiMissing"],
    ];
    for (const [call, field, message] of cases) {
      const result: any = await call;
      expect(statusOf(result)).toBe(400);
      const errors = (result.data.result ?? result.data).error;
      expect(errors[field]).toContain(message);
    }
    expect(await counts()).toEqual(before);
  });

  it("answers a stale edit with 409 and keeps the newer version", async () => {
    const g = await homelessGroup();
    const fields = { name: "Hjemløse voksne", area: "vulnerable_adults", ageBand: "18+", successMeasure: "Egen bolig", version: "1" };
    expect(statusOf(await editGroupAction(args(await postAs(`/som/viden/${g.id}/rediger`, fields, "admin"), { tgid: String(g.id) })))).toBe(302);
    const stale = await editGroupAction(args(await postAs(`/som/viden/${g.id}/rediger`, { ...fields, name: "Gammel" }, "admin"), { tgid: String(g.id) }));
    expect(statusOf(stale)).toBe(409);
    expect((await homelessGroup())).toBeUndefined(); // renamed by the first edit
    const estimate = await db().selectFrom("som_consequence_estimates").select("id").where("target_group_id", "=", g.id).executeTakeFirstOrThrow();
    const del = await estimateEditAction(args(await postAs(`/som/viden/${g.id}/konsekvenser/${estimate.id}`, { intent: "delete", version: "7" }, "admin"), { tgid: String(g.id), eid: String(estimate.id) }));
    expect(statusOf(del)).toBe(409);
  });
});

describe("starting a calculation from a target group", () => {
  it("builds the calculation from the estimates (prices moved to the price year) and the study, then opens the editor", async () => {
    const before = await counts();
    const cid = await startCalculation();
    const calc = (await getCalculation(db(), cid))!;
    expect(calc).toMatchObject({ initiative_id: 1, phase: "trial", scenario: "expected", title: "Housing First – forventet" });
    const input = calc.latest.input;
    expect(input.successRate).toEqual({ intervention: "0.12", comparison: "0.02" });
    expect(input.cohorts).toEqual([{ startYear: 1, citizens: "40" }]);
    expect(input.consequences).toHaveLength(4);
    // 1150 kr. in 2020 prices (index 100) moved to 2024 (index 114).
    const shelter = input.consequences.find((c) => c.label === "Ophold på herberg og forsorgshjem (§ 110) (døgn)");
    expect(shelter).toMatchObject({ kind: "expenditure", prices: { kommune: "1311.00", region: "0.00", stat: "1311.00" } });
    // 7300 kr. in 2021 prices (index 102.2) moved to 2024: 7300 × 114 / 102.2 = 8142.857… → 8142.86.
    expect(input.consequences.find((c) => c.label === "Kontanthjælp (måneder)")!.prices.kommune).toBe("8142.86");
    expect(calc.latest.checklist).toMatchObject({ priceYear: 2024, targetGroupMatch: "partly" });
    expect(calc.latest.checklist.effectSource).toMatch(/eksempeldata/i);
    const after = await counts();
    expect(after.som_calculations).toBe(before.som_calculations + 1);
  });
});

async function uploadRequest(bytes: Uint8Array | null, target: string, role: Role, initiativeId = 1) {
  const form = new FormData();
  if (bytes) form.append("file", new File([new Uint8Array(bytes)], "beregning.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  form.append("target", target);
  return new Request(`${BASE}/initiativer/${initiativeId}/som/excel`, { method: "POST", body: form, headers: { Cookie: await sessionCookieFor(role) } });
}

async function exportLatest(cid: number, role: Role = "steering_group") {
  const calc = (await getCalculation(db(), cid))!;
  const response = (await exportLoader(args(
    await getAs(`/initiativer/1/som/${cid}/v/${calc.latest.id}.xlsx`, role), { id: "1", cid: String(cid), vid: String(calc.latest.id) },
  ))) as Response;
  return { response, bytes: new Uint8Array(await response.arrayBuffer()), calc };
}

describe("Excel export and import", () => {
  it("exports a version that imports back into an identical calculation", async () => {
    const cid = await startCalculation();
    const { response, bytes, calc } = await exportLatest(cid);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("Content-Disposition")).toMatch(/attachment; filename="som-beregning-\d+-v1\.xlsx"/);

    const imported = (await excelAction(args(await uploadRequest(bytes, "new", "program_manager"), { id: "1" }))) as Response;
    expect(imported.status).toBe(302);
    const newId = Number(/\/som\/(\d+)$/.exec(imported.headers.get("Location")!)![1]);
    expect(newId).not.toBe(cid);
    const copy = (await getCalculation(db(), newId))!;
    expect(JSON.stringify(copy.latest.input)).toBe(JSON.stringify(calc.latest.input));
    expect(copy.latest.checklist).toEqual(calc.latest.checklist);
    expect({ title: copy.title, scenario: copy.scenario, phase: copy.phase }).toEqual({ title: calc.title, scenario: calc.scenario, phase: calc.phase });

    const page = await excelLoader(args(await getAs("/initiativer/1/som/excel", "steering_group"), { id: "1" }));
    const nets = page.calculations.filter((c) => c.id === cid || c.id === newId).map((c) => c.net);
    expect(nets).toHaveLength(2);
    expect(nets[0]).toBe(nets[1]);
  });

  it("imports a workbook as a new version, and answers a stale version with 409", async () => {
    const cid = await startCalculation();
    const { bytes } = await exportLatest(cid);
    const ok = (await excelAction(args(await uploadRequest(bytes, `${cid}@1`, "program_manager"), { id: "1" }))) as Response;
    expect(ok.status).toBe(302);
    expect((await getCalculation(db(), cid))!.version).toBe(2);
    const before = await counts();
    const stale: any = await excelAction(args(await uploadRequest(bytes, `${cid}@1`, "program_manager"), { id: "1" }));
    expect(statusOf(stale)).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it("refuses a malformed workbook with 400 naming sheet and cell, and saves nothing", async () => {
    const cid = await startCalculation();
    const { bytes } = await exportLatest(cid);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as any);
    wb.getWorksheet(SHEET.input)!.getCell("C7").value = "abc";
    const broken = new Uint8Array(await wb.xlsx.writeBuffer());
    const before = await counts();
    for (const target of ["new", `${cid}@1`]) {
      const result: any = await excelAction(args(await uploadRequest(broken, target, "program_manager"), { id: "1" }));
      expect(statusOf(result)).toBe(400);
      expect(result.data.issues).toEqual(['Ark "Input", celle C7: "abc" er ikke et tal']);
      expect(result.data.result.error.file).toEqual(["somk.error.workbook"]);
    }
    const notXlsx: any = await excelAction(args(await uploadRequest(new TextEncoder().encode("a,b\n1,2\n"), "new", "program_manager"), { id: "1" }));
    expect(statusOf(notXlsx)).toBe(400);
    const noFile: any = await excelAction(args(await uploadRequest(null, "new", "program_manager"), { id: "1" }));
    expect(statusOf(noFile)).toBe(400);
    expect(noFile.data.result.error.file).toEqual(["somk.error.fileRequired"]);
    expect(await counts()).toEqual(before);
  });

  it("refuses a steering group member's import with 403, and a calculation of another initiative with 400", async () => {
    const bytes = new Uint8Array(await buildSomWorkbookFor());
    const before = await counts();
    expect(statusOf(await thrown(excelAction(args(await uploadRequest(bytes, "new", "steering_group"), { id: "1" }))))).toBe(403);
    const cid = await startCalculation(); // belongs to initiative 1
    const afterStart = await counts();
    const other: any = await excelAction(args(await uploadRequest(bytes, `${cid}@1`, "program_manager", 2), { id: "2" }));
    expect(statusOf(other)).toBe(400);
    expect(other.data.result.error.target).toEqual(["somk.error.importTarget"]);
    expect(await counts()).toEqual(afterStart);
    expect(afterStart.som_calculations).toBe(before.som_calculations + 1);
  });
});

async function buildSomWorkbookFor() {
  return buildSomWorkbook({
    title: "T", scenario: "expected", phase: "trial",
    input: { horizonYears: 2, discountRate: "0", courseLengthYears: 1, cohorts: [{ startYear: 1, citizens: "1" }], successRate: { intervention: "0.5", comparison: "0" }, costs: [], consequences: [] },
    checklist: { targetGroupMatch: "yes", targetGroupNote: "", effectMeasureMatch: "yes", effectMeasureNote: "", effectSource: "X", priceYear: 2024 },
    spreads: null,
  });
}

describe("experience database", () => {
  it("publishes a version, lets others read and copy it, and lets only the publisher withdraw it", async () => {
    const cid = await startCalculation();
    const calc = (await getCalculation(db(), cid))!;
    const fields = { versionId: String(calc.latest.id), title: "Housing First i Aarhus", description: "Forventet scenarie." };

    const noResponsibility: any = await publishAction(args(await postAs("/som/erfaringer/udgiv", fields, "program_manager")));
    expect(statusOf(noResponsibility)).toBe(400);
    expect(noResponsibility.data.error.responsibility).toEqual(["somk.error.responsibility"]);
    expect(statusOf(await thrown(publishAction(args(await postAs("/som/erfaringer/udgiv", { ...fields, responsibility: "on" }, "steering_group")))))).toBe(403);

    const published = (await publishAction(args(await postAs("/som/erfaringer/udgiv", { ...fields, responsibility: "on" }, "program_manager")))) as Response;
    expect(published.status).toBe(302);
    const pid = /\/som\/erfaringer\/(\d+)$/.exec(published.headers.get("Location")!)![1];
    const twice: any = await publishAction(args(await postAs("/som/erfaringer/udgiv", { ...fields, responsibility: "on" }, "program_manager")));
    expect(statusOf(twice)).toBe(409);

    const list = await experienceLoader(args(await getAs("/som/erfaringer", "steering_group")));
    expect(list.entries.map((e) => e.title)).toEqual(["Housing First i Aarhus"]);
    const entry = await entryLoader(args(await getAs(`/som/erfaringer/${pid}`, "knowledge_staff"), { pid }));
    expect(entry.entry.input).toEqual(calc.latest.input);
    expect(entry.result.summary.net).toBeDefined();

    // Another program manager copies it into initiative 2's maturation phase.
    const copy = (await entryAction(args(await postAs(`/som/erfaringer/${pid}`, {
      intent: "copy", initiativeId: "2", phase: "maturation", scenario: "cautious", title: "Kopi",
    }, "program_manager"), { pid }))) as Response;
    expect(copy.status).toBe(302);
    const copyId = Number(/^\/initiativer\/2\/som\/(\d+)$/.exec(copy.headers.get("Location")!)![1]);
    const copied = (await getCalculation(db(), copyId))!;
    expect(copied).toMatchObject({ initiative_id: 2, phase: "maturation", scenario: "cautious" });
    expect(copied.latest.input).toEqual(calc.latest.input);

    // Only the publisher (Pia) may withdraw; Peter is a program manager too, but not the publisher.
    const peter = await sessionCookieForEmail("projektleder@susi.test");
    const notTheirs = await thrown(entryAction(args(formRequest(`${BASE}/som/erfaringer/${pid}`, { intent: "unpublish", version: "1" }, peter), { pid })));
    expect(statusOf(notTheirs)).toBe(403);
    const withdrawn = (await entryAction(args(await postAs(`/som/erfaringer/${pid}`, { intent: "unpublish", version: "1" }, "program_manager"), { pid }))) as Response;
    expect(withdrawn.status).toBe(302);
    expect((await experienceLoader(args(await getAs("/som/erfaringer", "admin")))).entries).toEqual([]);
    expect(statusOf(await thrown(entryLoader(args(await getAs(`/som/erfaringer/${pid}`, "admin"), { pid }))))).toBe(404);
    // The publisher still sees it, marked as withdrawn.
    expect((await entryLoader(args(await getAs(`/som/erfaringer/${pid}`, "program_manager"), { pid }))).entry.unpublished_at).not.toBeNull();
    // …but not even the publisher can copy a withdrawn one (409, with the refusal in words).
    const late: any = await entryAction(args(await postAs(`/som/erfaringer/${pid}`, {
      intent: "copy", initiativeId: "2", phase: "maturation", scenario: "expected", title: "For sent",
    }, "program_manager"), { pid }));
    expect(statusOf(late)).toBe(409);
    expect(late.data.result.error[""]).toEqual(["Beregningen er trukket tilbage og kan ikke kopieres."]);
  });
});
