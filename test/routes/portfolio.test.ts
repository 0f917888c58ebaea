// The portfolio routes called as Remix calls them: views, exports (parsed with exceljs and csv-parse), bad
// filters, the role homes and "Mine initiativer".
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { listInitiatives } from "#db/queries/initiatives";
import { loader as indexLoader } from "~/routes/_index";
import { loader as layoutLoader } from "~/routes/portefolje";
import { loader as overviewLoader } from "~/routes/portefolje._index/route";
import { loader as bilag1Loader } from "~/routes/portefolje.bilag1";
import { loader as bubbleLoader } from "~/routes/portefolje.boble";
import { loader as lineageLoader } from "~/routes/portefolje.slaegt";
import { loader as xlsxLoader } from "~/routes/portefolje[.xlsx]";
import { loader as csvLoader } from "~/routes/portefolje[.csv]";
import { loader as mineLoader } from "~/routes/mine-initiativer";
import { db } from "~/utils/db.server";
import { args, BASE, formRequest, get, outcome, sessionCookieFor, sessionCookieForEmail } from "./helpers";

async function workbook(path: string, cookie: string) {
  const res = (await xlsxLoader(args(get(path, cookie)))) as Response;
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toContain("spreadsheetml");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

async function csv(path: string, cookie: string) {
  const res = (await csvLoader(args(get(path, cookie)))) as Response;
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { bytes, records: parse(Buffer.from(bytes).toString("utf8"), { bom: true, delimiter: ";", columns: true }) as Record<string, string>[] };
}

describe("portfolio exports", () => {
  it("the workbook has a sheet per view; Bilag 1 has the 42 seeded rows with Danish headings, numbers as numbers, a frozen header and an autofilter", async () => {
    const cookie = await sessionCookieFor("steering_group");
    const wb = await workbook("/portefolje.xlsx", cookie);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Bilag 1", "Faseperioder", "Beslutninger", "Overblik", "Udfald", "Aftaleår", "Tragt", "Tid i fase", "Bobler", "Slægtskab"]);
    const ws = wb.getWorksheet("Bilag 1")!;
    expect(ws.rowCount - 1).toBe(42);
    expect(ws.getRow(1).getCell(2).value).toBe("Titel");
    expect(ws.getRow(1).getCell(7).value).toBe("Fase");
    expect(typeof ws.getRow(2).getCell(1).value).toBe("number");
    expect(typeof ws.getRow(2).getCell(5).value).toBe("number");
    expect(ws.getRow(2).getCell(15).value).toBeInstanceOf(Date);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    // The overview sheet's phase counts add up to the 42.
    const overview = wb.getWorksheet("Overblik")!;
    let sum = 0;
    overview.eachRow((row, n) => { if (n > 1) sum += Number(row.getCell(6).value); });
    expect(sum).toBe(42);
  });

  it("honours the filters: the filtered count, the same as the list's", async () => {
    const cookie = await sessionCookieFor("program_manager");
    const expected = (await listInitiatives(db(), { area: "children", phase: "maturation" })).total;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(42);
    const wb = await workbook("/portefolje.xlsx?area=children&phase=maturation", cookie);
    expect(wb.getWorksheet("Bilag 1")!.rowCount - 1).toBe(expected);
    const { records } = await csv("/portefolje.csv?area=children&phase=maturation", cookie);
    expect(records.length).toBe(expected);
    expect(records.every((r) => r["Område"] === "Børn og unge" && r["Fase"] === "Modning")).toBe(true);
  });

  it("the CSV is UTF-8 with a BOM, semicolon separated, 42 rows with Danish headings", async () => {
    const cookie = await sessionCookieFor("knowledge_staff");
    const { bytes, records } = await csv("/portefolje.csv", cookie);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Buffer.from(bytes).toString("utf8").split("\r\n")[0]).toContain("ID;Titel;Område;Aftale");
    expect(records.length).toBe(42);
    expect(records.some((r) => r["Titel"] === "3 x Bostøttemetoderne CTI, SFT og ÅD" && r["Aftale"] === "UIP 2017, 2018, 2019")).toBe(true);
  });

  it("needs a login", async () => {
    const o = await outcome(csvLoader(args(get("/portefolje.csv"))));
    expect(o.status).toBe(302);
  });
});

describe("portfolio views", () => {
  it("a bad filter is a 400 naming the parameter, in every view and export", async () => {
    const cookie = await sessionCookieFor("admin");
    for (const [loader, path] of [
      [layoutLoader, "/portefolje"], [overviewLoader, "/portefolje"], [bilag1Loader, "/portefolje/bilag1"],
      [bubbleLoader, "/portefolje/boble"], [lineageLoader, "/portefolje/slaegt"], [xlsxLoader, "/portefolje.xlsx"], [csvLoader, "/portefolje.csv"],
    ] as const) {
      for (const [param, value] of [["area", "mars"], ["phase", "modning"], ["track", "3"], ["status", "x"], ["year", "1999"], ["q", "x".repeat(201)]]) {
        const o = await outcome((loader as any)(args(get(`${path}?${param}=${value}`, cookie))));
        expect(o.status, `${path} ${param}`).toBe(400);
        expect(o.data?.message ?? "").toContain(`"${param}"`);
      }
    }
    const y = await outcome(bubbleLoader(args(get("/portefolje/boble?y=npvx", cookie))));
    expect(y.status).toBe(400);
    expect(y.data.message).toContain('"y"');
  });

  it("the overview's phase counts are the list's filtered counts", async () => {
    const cookie = await sessionCookieFor("steering_group");
    const data: any = await overviewLoader(args(get("/portefolje?area=adults", cookie)));
    for (const phase of ["screening", "maturation", "trial", "dissemination", "screening_maturation"] as const) {
      const n = data.headline.byPhaseStatus.filter((r: any) => r.phase === phase).reduce((s: number, r: any) => s + r.n, 0);
      expect(n).toBe((await listInitiatives(db(), { area: "adults", phase })).total);
    }
    expect(data.query).toBe("?area=adults");
  });

  it("Bilag 1 lists every initiative with its agreements; the axis runs from 2017 to this year", async () => {
    const cookie = await sessionCookieFor("program_manager");
    const data: any = await bilag1Loader(args(get("/portefolje/bilag1", cookie)));
    expect(data.rows.length).toBe(42);
    expect(data.total).toBe(42);
    expect(data.firstYear).toBe(2017);
    expect(data.lastYear).toBeGreaterThanOrEqual(2026);
    expect(new Set(data.timeline.agreements.map((a: any) => a.initiative_id)).size).toBe(42);
  });

  it("the bubble view lists the trial and dissemination initiatives; lineage draws the seed's links", async () => {
    const cookie = await sessionCookieFor("program_manager");
    const bubble: any = await bubbleLoader(args(get("/portefolje/boble?y=bcr", cookie)));
    const trialOrLater = (await listInitiatives(db(), { phase: "trial" })).total + (await listInitiatives(db(), { phase: "dissemination" })).total;
    expect(bubble.points.length).toBe(trialOrLater);
    expect(bubble.total).toBe(trialOrLater);
    expect(bubble.placed.every((p: any) => p.benefitCostRatio !== null && p.evidenceLevel !== null)).toBe(true);
    expect(bubble.y).toBe("bcr");
    const lineage: any = await lineageLoader(args(get("/portefolje/slaegt", cookie)));
    const links = await db().selectFrom("initiative_links").selectAll().execute();
    expect(lineage.edges.length).toBe(links.length);
    expect(lineage.drawn).toBe(true);
  });
});

describe("role homes", () => {
  it("each role lands where its work is; anonymous goes to login", async () => {
    const homes = { steering_group: "/styregruppe", program_manager: "/mine-initiativer", knowledge_staff: "/udgivelser", admin: "/admin/brugere" } as const;
    for (const [role, home] of Object.entries(homes)) {
      const o = await outcome(indexLoader(args(get("/", await sessionCookieFor(role as keyof typeof homes)))));
      expect(o.location, role).toBe(home);
    }
    expect((await outcome(indexLoader(args(get("/"))))).location).toBe("/login");
  });

  it("mine: each demo program manager sees the initiatives the seed gave them", async () => {
    const a: any = await mineLoader(args(get("/mine-initiativer", await sessionCookieForEmail("programleder@susi.test"))));
    const b: any = await mineLoader(args(get("/mine-initiativer", await sessionCookieForEmail("projektleder@susi.test"))));
    expect(a.initiatives.length + b.initiatives.length).toBe(42);
    expect(a.initiatives.every((i: any) => i.mine)).toBe(true);
    const overlap = a.initiatives.filter((i: any) => b.initiatives.some((j: any) => j.id === i.id));
    expect(overlap).toEqual([]);
  });
});

describe("owner and budget in the create and edit forms", () => {
  const valid = {
    title: "Portefølje-test", description: "", area: "adults", targetGroup: "Voksne", agreementYears: "2025, 2026",
    track: "", trackReason: "", prototypeDescription: "", phase: "screening",
  };

  it("creates with an owner and a budget per agreement year, and edits keep or change them", async () => {
    const { action: createAction } = await import("~/routes/initiativer.ny/route");
    const { phase: _phase, ...editable } = valid; // the edit form refuses governed fields
    const { action: editAction, loader: editLoader } = await import("~/routes/initiativer.$id.rediger/route");
    const cookie = await sessionCookieFor("program_manager");
    const pm = await db().selectFrom("users").select("id").where("email", "=", "projektleder@susi.test").executeTakeFirstOrThrow();
    const created = await outcome(createAction(args(formRequest(`${BASE}/initiativer/ny`, { ...valid, ownerId: String(pm.id), budgets: "2025: 1.500.000\n2026: 2 000 000 kr." }, cookie))));
    expect(created.status).toBe(302);
    const id = Number(/\/initiativer\/(\d+)/.exec(created.location!)![1]);
    const budgets = () => db().selectFrom("initiative_agreements").select(["year", "budget_kr"]).where("initiative_id", "=", id).orderBy("year").execute();
    expect(await budgets()).toEqual([{ year: 2025, budget_kr: 1_500_000 }, { year: 2026, budget_kr: 2_000_000 }]);
    expect((await db().selectFrom("initiatives").select("owner_id").where("id", "=", id).executeTakeFirstOrThrow()).owner_id).toBe(pm.id);

    const form: any = await editLoader(args(get(`/initiativer/${id}/rediger`, cookie), { id }));
    expect(form.ownership.budgets).toEqual([{ year: 2025, budget_kr: 1_500_000 }, { year: 2026, budget_kr: 2_000_000 }]);
    const edited = await outcome(editAction(args(formRequest(`${BASE}/initiativer/${id}/rediger`, {
      ...editable, agreementYears: "2025, 2026", version: "1", ownerId: "", budgets: "2026: 3.000.000",
    }, cookie), { id })));
    expect(edited.status).toBe(302);
    expect(await budgets()).toEqual([{ year: 2025, budget_kr: null }, { year: 2026, budget_kr: 3_000_000 }]);
    expect((await db().selectFrom("initiatives").select("owner_id").where("id", "=", id).executeTakeFirstOrThrow()).owner_id).toBeNull();
    const h = await db().selectFrom("history").select(["before", "after"]).where("initiative_id", "=", id).where("action", "=", "initiative.owner_budget_updated").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(JSON.parse(h.before!)).toMatchObject({ owner_id: pm.id, budgets: [{ year: 2025, budget_kr: 1_500_000 }, { year: 2026, budget_kr: 2_000_000 }] });
  });

  it("refuses, naming the field and writing nothing: a bad amount, a year outside the agreements, an owner who is no program manager", async () => {
    const { action: createAction } = await import("~/routes/initiativer.ny/route");
    const cookie = await sessionCookieFor("program_manager");
    const admin = await db().selectFrom("users").select("id").where("role", "=", "admin").executeTakeFirstOrThrow();
    const before = await db().selectFrom("initiatives").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    for (const [patch, field, message] of [
      [{ budgets: "2025: mange penge" }, "budgets", "error.invalidBudget"],
      [{ budgets: "2030: 1000" }, "budgets", "error.budgetYear"],
      [{ ownerId: String(admin.id) }, "ownerId", "error.invalidOwner"],
      [{ ownerId: "abc" }, "ownerId", "error.invalidOwner"],
    ] as const) {
      const o = await outcome(createAction(args(formRequest(`${BASE}/initiativer/ny`, { ...valid, ...patch }, cookie))));
      expect(o.status, JSON.stringify(patch)).toBe(400);
      expect(o.data.error[field]).toEqual([message]);
    }
    const after = await db().selectFrom("initiatives").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
