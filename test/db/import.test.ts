// The UIP CSV import: per-row validation with line and column, all-or-nothing import, no duplicates,
// successor links across files, and the db:import CLI's exit codes.
import { execFile } from "node:child_process";
import { copyFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { db } from "~/utils/db.server";
import { createDb } from "#db/client";
import { deriveAssessmentMade, deriveFramework, deriveStatus, parseUipCsv, type UipProblem, type UipRow } from "#db/import/parse";
import { importUipRows } from "#db/import/write";
import { runUipImport as importUipCsv } from "#db/import/run";
import { importProblemText, unlinkedText } from "~/i18n/csv-import";
import { translator } from "~/i18n/index";

const formatImportError = (e: UipProblem, lang: "da" | "en" = "da") => importProblemText(translator(lang), e);

const HEADER = "area,title,phase,agreement,agreement_years,continued_to_next_phase,susi_assessment";
const NOW = "2026-12-01T10:00:00.000Z";

const csv = (...rows: string[]) => [HEADER, ...rows].join("\n") + "\n";

const VALID = csv(
  "voksne,Screening af boligsociale indsatser,Screening,UIP 2023,2023,-,-",
  'Børn og unge,"Modning af familieindsats, fase 2",Screening/Modning,"UIP 2023, 2024",2024;2023,,',
  "children,Afprøvning af skoleindsats,afprøvning ,UIP 2024,2024,Nej. Kriterierne er ikke opfyldt,Nej",
);

async function count(table: "initiatives" | "initiative_agreements" | "initiative_links" | "phase_periods" | "history") {
  const r = await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function snapshot() {
  return {
    initiatives: await count("initiatives"),
    agreements: await count("initiative_agreements"),
    links: await count("initiative_links"),
    periods: await count("phase_periods"),
    history: await count("history"),
  };
}

function errorsOf(text: string) {
  const r = parseUipCsv(text);
  if (r.ok) throw new Error("expected the file to be invalid");
  return r.errors;
}

describe("parseUipCsv", () => {
  it("maps a valid file to domain rows", () => {
    const r = parseUipCsv(VALID);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.rows).toHaveLength(3);
    expect(r.rows[0]).toMatchObject({
      line: 2, area: "adults", phase: "screening", agreementYears: [2023], framework: "susi2",
      status: "active", sourceOutcome: null, sourceAssessment: null, susiAssessmentMade: null,
      importKey: "screening af boligsociale indsatser|2023",
    });
    expect(r.rows[1]).toMatchObject({
      line: 3, area: "children", title: "Modning af familieindsats, fase 2", phase: "screening_maturation",
      agreementLabel: "UIP 2023, 2024", agreementYears: [2023, 2024],
    });
    expect(r.rows[2]).toMatchObject({ phase: "trial", status: "stopped", susiAssessmentMade: "no" });
  });

  it("reports one invalid row among valid ones by line and column", () => {
    const errors = errorsOf(csv(
      "adults,Første initiativ,Modning,UIP 2019,2019,-,-",
      "adults,Andet initiativ,Modnig,UIP 2019,2019,-,-",
      "children,Tredje initiativ,Screening,UIP 2020,2020,-,-",
      "adults,Fjerde initiativ,Modning,UIP 2019,2019,-,-",
    ));
    expect(errors).toEqual([
      expect.objectContaining({ line: 3, column: "phase", code: "unknown_phase" }),
    ]);
    expect(formatImportError(errors[0])).toBe(
      'Linje 3, kolonne "phase": ukendt fase "Modnig" (brug Screening, Modning, Afprøvning, Udbredelse eller Screening/modning)',
    );
    expect(formatImportError(errors[0], "en")).toMatch(/^Line 3, column "phase": unknown phase "Modnig"/);
  });

  it("counts lines in the file, not records: blank lines and quoted line breaks move them on", () => {
    const text = `${HEADER}\r\n\r\nadults,"Et initiativ\r\nover to linjer",Modning,UIP 2019,2019,-,-\r\nadults,Næste,Modnig,UIP 2019,2019,-,-\r\n`;
    expect(errorsOf(text)).toEqual([expect.objectContaining({ line: 5, column: "phase" })]);
    // A record spanning lines is reported at the line it starts on.
    const spanning = `${HEADER}\n\nadults,"Et initiativ\nover to linjer",Modnig,UIP 2019,2019,-,-\n`;
    expect(errorsOf(spanning)).toEqual([expect.objectContaining({ line: 3, column: "phase" })]);
  });

  it("rejects a missing header column as a file-level error", () => {
    const errors = errorsOf("area,title,phase,agreement,agreement_years,continued_to_next_phase\nadults,X,Modning,UIP 2019,2019,-\n");
    expect(errors).toEqual([
      { line: 1, column: null, code: "header_missing_column", params: { name: "susi_assessment" } },
    ]);
    expect(formatImportError(errors[0])).toBe('Linje 1: kolonnen "susi_assessment" mangler i overskriftslinjen');
    expect(formatImportError(errors[0], "en")).toBe('Line 1: column "susi_assessment" is missing from the header row');
  });

  it("rejects an extra or repeated header column", () => {
    expect(errorsOf(`${HEADER},notes\nadults,X,Modning,UIP 2019,2019,-,-,hej\n`))
      .toEqual([expect.objectContaining({ line: 1, column: null, code: "header_unknown_column" })]);
    expect(errorsOf(`${HEADER},title\n`).map((e) => e.code)).toEqual(["header_duplicate_column"]);
  });

  it("rejects an unknown phase and an unknown area", () => {
    const errors = errorsOf(csv("ældre,X,Implementering,UIP 2019,2019,-,-"));
    expect(errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, "area", "unknown_area"],
      [2, "phase", "unknown_phase"],
    ]);
  });

  it.each([
    ["20x7", '"20x7"'],
    ["1999", '"1999"'],
    ["2017;18", '"18"'],
    ["2017,2018", '"2017,2018"'],
  ])("rejects the agreement years %s", (years, shown) => {
    const errors = errorsOf(csv(`adults,X,Modning,UIP,"${years}",-,-`));
    expect(errors).toEqual([expect.objectContaining({ line: 2, column: "agreement_years", code: "invalid_year" })]);
    expect(formatImportError(errors[0])).toContain(`ugyldigt år ${shown}`);
  });

  it("rejects an empty title and empty agreement years", () => {
    const errors = errorsOf(csv("adults,   ,Modning,UIP 2019,,-,-"));
    expect(errors).toEqual([
      { line: 2, column: "title", code: "required", params: {} },
      { line: 2, column: "agreement_years", code: "required", params: {} },
    ]);
    expect(errors.map((e) => formatImportError(e, "en"))).toEqual(['Line 2, column "title": is required', 'Line 2, column "agreement_years": is required']);
  });

  it("rejects a row with the wrong number of fields, a repeated row, and an empty or malformed file", () => {
    expect(errorsOf(csv("adults,X,Modning,UIP 2019,2019"))).toEqual([expect.objectContaining({ line: 2, column: null, code: "field_count" })]);
    expect(errorsOf(csv("adults,X,Modning,UIP 2019,2019,-,-", "adults,x.,modning,UIP 2019,2019,-,-")))
      .toEqual([expect.objectContaining({ line: 3, column: "title", code: "duplicate_row", params: { firstLine: 2 } })]);
    expect(formatImportError(errorsOf(csv("adults,X,Modning,UIP 2019,2019,-,-", "adults,x.,modning,UIP 2019,2019,-,-"))[0]))
      .toBe('Linje 3, kolonne "title": samme titel og aftaleår som linje 2');
    expect(errorsOf("").map((e) => e.code)).toEqual(["empty_file"]);
    expect(errorsOf(`${HEADER}\n`).map((e) => e.code)).toEqual(["no_rows"]);
    expect(errorsOf(`${HEADER}\nadults,"X,Modning\n`).map((e) => e.code)).toEqual(["csv_malformed"]);
  });

  it("derives status, assessment and framework from the source's wording", () => {
    expect(deriveStatus(null)).toBe("active");
    expect(deriveStatus("Nej. Indsatsen opfyldte ikke kriterierne")).toBe("stopped");
    expect(deriveStatus("Ja (Noget nyt, UIP 2022)")).toBe("completed");
    expect(deriveStatus("Initiativet indstilles til videreførelse i UIP 2024.")).toBe("completed");
    // Dissemination's answer says nothing of an end; "indstilles ikke" is not carried on (DECISIONS 0095).
    expect(deriveStatus("Udbredelsesinitiativer kan ikke videreføres")).toBe("active");
    expect(deriveStatus("Initiativet blev afsluttet med udgangen af 2022. Indstilles ikke til videreførelse")).toBe("stopped");
    // Any other answer keeps it running unless it says it ended.
    expect(deriveStatus("Afventer styregruppen")).toBe("active");
    expect(deriveStatus("Initiativet blev afsluttet i 2023.")).toBe("completed");
    // A SUSI assessment is made only when a phase ends: assessed without an answer is ended.
    expect(deriveStatus(null, "Ja til begge")).toBe("completed");
    expect(deriveAssessmentMade("Ja til begge")).toBe("yes");
    expect(deriveAssessmentMade("Ja og delvist. En af de fire metoder")).toBe("partly");
    expect(deriveAssessmentMade("Ja og nej. Initiativet lever ikke op til SUSI-kriterierne")).toBe("yes");
    expect(deriveAssessmentMade("Nej")).toBe("no");
    expect(deriveAssessmentMade("Der foretages ikke SUSI-vurdering af udbredelsesinitiativer")).toBe("not_applicable");
    expect(deriveAssessmentMade(null)).toBeNull();
    expect(deriveFramework([2019, 2020, 2021])).toBe("susi1");
    expect(deriveFramework([2021, 2022])).toBe("susi2");
  });
});

describe("importUipCsv", () => {
  it("imports a valid file", async () => {
    const before = await count("initiatives");
    const r = await importUipCsv(db(), VALID, 1, NOW);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.report).toMatchObject({ created: 3, createdByArea: { adults: 1, children: 2 }, alreadyPresent: 0, links: [], unlinked: [] });
    expect(await count("initiatives")).toBe(before + 3);
    const row = await db().selectFrom("initiatives").selectAll().where("title", "=", "Modning af familieindsats, fase 2").executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      area: "children", phase: "screening_maturation", status: "active", framework: "susi2", track: null,
      agreement_label: "UIP 2023, 2024", created_at: NOW, import_key: "modning af familieindsats fase 2|2023,2024",
    });
    const history = await db().selectFrom("history").selectAll().where("initiative_id", "=", row.id).execute();
    expect(history).toEqual([expect.objectContaining({ action: "initiative.created", actor_id: 1, at: NOW })]);
  });

  it("creates no duplicates when the same file is imported twice", async () => {
    await importUipCsv(db(), VALID, null, NOW);
    const after = await snapshot();
    const again = await importUipCsv(db(), VALID, null, NOW);
    expect(again).toEqual({ ok: true, report: expect.objectContaining({ created: 0, alreadyPresent: 3, links: [] }) });
    expect(await snapshot()).toEqual(after);
  });

  it("finds the seeded initiatives already present, whatever the spelling of case and punctuation", async () => {
    const before = await snapshot();
    const r = await importUipCsv(db(), csv("adults,GRUPPEBASERET  bostøtteforløb.,modning,UIP 2017,2017,-,-"), null, NOW);
    expect(r).toEqual({ ok: true, report: expect.objectContaining({ created: 0, alreadyPresent: 1 }) });
    expect(await snapshot()).toEqual(before);
  });

  it("writes nothing when one row among valid ones is invalid", async () => {
    const before = await snapshot();
    const r = await importUipCsv(db(), csv(
      "adults,Første nye initiativ,Modning,UIP 2023,2023,-,-",
      "adults,Andet nye initiativ,Modning,UIP 2023,20233,-,-",
      "children,Tredje nye initiativ,Udbredelse,UIP 2023,2023,-,-",
    ), null, NOW);
    expect(r).toEqual({ ok: false, errors: [expect.objectContaining({ line: 3, column: "agreement_years", code: "invalid_year" })] });
    expect(await snapshot()).toEqual(before);
  });

  it("rolls the whole import back when the database refuses a row half way", async () => {
    const parsed = parseUipCsv(VALID);
    if (!parsed.ok) throw new Error("fixture invalid");
    const broken: UipRow[] = [parsed.rows[0], { ...parsed.rows[1], phase: "implementation" as never }, parsed.rows[2]];
    const before = await snapshot();
    await expect(importUipRows(db(), broken, null, NOW)).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });

  it("links a new row to its successor in the database, and reports a successor it cannot find", async () => {
    const r = await importUipCsv(db(), csv(
      '"adults",Screening af intensive forløb,Screening,UIP 2021,2021,"Ja (Modning af intensive forløb til unge med komplekse problemer og udadreagerende adfæd, UIP 2022)",Ja til begge',
      '"adults",Screening af noget helt andet,Screening,UIP 2023,2023,"Ja (Modning af noget helt andet, UIP 2025)",Ja til begge',
      '"adults",Screening af tredje ting,Screening,UIP 2023,2023,"Ja (Bedre indsats til mennesker med psykiske vanskeligheder, UIP 2022)",Ja til begge',
    ), null, NOW);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.report.links).toEqual([expect.objectContaining({
      predecessor: "Screening af intensive forløb",
      successor: "Modning af intensive forløb til unge med komplekse problemer og udadreagerende adfærd",
    })]);
    expect(r.report.unlinked).toEqual([
      expect.objectContaining({ title: "Screening af noget helt andet", reason: "no_initiative_with_year", named: { title: "Modning af noget helt andet", year: 2025 } }),
      expect.objectContaining({ title: "Screening af tredje ting", reason: "no_similar_title" }),
    ]);
    expect(unlinkedText(translator("da"), r.report.unlinked[0])).toBe('intet initiativ under UIP 2025 at knytte "Modning af noget helt andet" til');
  });

  it("links an earlier import to a successor that arrives in a later file", async () => {
    const first = await importUipCsv(db(), csv(
      "adults,Screening af ny boligindsats,Screening,UIP 2023,2023,\"Ja (Modning af ny boligindsats, UIP 2025)\",Ja til begge",
    ), null, NOW);
    expect(first.ok && first.report.unlinked).toHaveLength(1);
    const second = await importUipCsv(db(), csv("adults,Modning af ny bolig-indsats,Modning,UIP 2025,2025,-,-"), null, NOW);
    expect(second.ok && second.report.links).toEqual([
      expect.objectContaining({ predecessor: "Screening af ny boligindsats", successor: "Modning af ny bolig-indsats" }),
    ]);
    expect(second.ok && second.report.unlinked).toEqual([]);
  });
});

describe("owner and budget per agreement (optional columns)", () => {
  const HEADER_OB = `${HEADER},owner,budget_kr`;
  const withOwner = (...rows: string[]) => [HEADER_OB, ...rows].join("\n") + "\n";

  async function ownerAndBudgets(title: string) {
    const i = await db().selectFrom("initiatives").leftJoin("users", "users.id", "initiatives.owner_id")
      .select(["initiatives.id", "users.email"]).where("initiatives.title", "=", title).executeTakeFirstOrThrow();
    const budgets = await db().selectFrom("initiative_agreements").select(["year", "budget_kr"])
      .where("initiative_id", "=", i.id).orderBy("year").execute();
    return { owner: i.email, budgets };
  }

  it("parses the owner e-mail and the budgets; files without the columns still parse", () => {
    const r = parseUipCsv(withOwner(
      'adults,Ejet initiativ,Modning,"UIP 2023, 2024",2023;2024,-,-,Programleder@SUSI.test,"2023: 1.500.000; 2024: 250000 kr."',
      "adults,Uejet initiativ,Modning,UIP 2023,2023,-,-,,",
    ));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.rows[0]).toMatchObject({ ownerEmail: "programleder@susi.test", budgets: [[2023, 1_500_000], [2024, 250_000]] });
    expect(r.rows[1]).toMatchObject({ ownerEmail: null, budgets: [] });
    const plain = parseUipCsv(VALID);
    expect(plain.ok && plain.rows.map((x) => [x.ownerEmail, x.budgets])).toEqual([[null, []], [null, []], [null, []]]);
  });

  it("refuses a bad owner or budget naming the line and the column", () => {
    const errors = errorsOf(withOwner(
      "adults,Et,Modning,UIP 2023,2023,-,-,ikke-en-mail,",
      "adults,To,Modning,UIP 2023,2023,-,-,,2023: mange penge",
      "adults,Tre,Modning,UIP 2023,2023,-,-,,2024: 100000",
      "adults,Fire,Modning,UIP 2023,2023,-,-,,2023: 3.000.000.000",
      "adults,Fem,Modning,UIP 2023,2023,-,-,,2023: 1; 2023: 2",
    ));
    expect(errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, "owner", "invalid_owner"], [3, "budget_kr", "invalid_budget"], [4, "budget_kr", "budget_year"],
      [5, "budget_kr", "invalid_budget"], [6, "budget_kr", "invalid_budget"],
    ]);
    expect(formatImportError(errors[2])).toBe('Linje 4, kolonne "budget_kr": budget for 2024, som ikke er et af initiativets aftaleår (2023)');
  });

  it("imports the owner and the budgets with a history row", async () => {
    const r = await importUipCsv(db(), withOwner(
      'adults,Ejet initiativ med budget,Modning,"UIP 2023, 2024",2023;2024,-,-,projektleder@susi.test,2023: 1.500.000',
    ), null, NOW);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(await ownerAndBudgets("Ejet initiativ med budget")).toEqual({
      owner: "projektleder@susi.test", budgets: [{ year: 2023, budget_kr: 1_500_000 }, { year: 2024, budget_kr: null }],
    });
    const history = await db().selectFrom("history").select("action").where("action", "=", "initiative.owner_budget_updated")
      .where("at", "=", NOW).execute();
    expect(history.length).toBeGreaterThanOrEqual(1);
  });

  it("refuses an owner who is not an active program manager and writes nothing", async () => {
    const before = await snapshot();
    const r = await importUipCsv(db(), withOwner(
      "adults,Første med ejer,Modning,UIP 2023,2023,-,-,programleder@susi.test,",
      "adults,Anden med ejer,Modning,UIP 2023,2023,-,-,styregruppe@susi.test,",
      "adults,Tredje med ejer,Modning,UIP 2023,2023,-,-,ukendt@susi.test,",
    ), null, NOW);
    expect(r).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ line: 3, column: "owner", code: "unknown_owner" }),
        expect.objectContaining({ line: 4, column: "owner", code: "unknown_owner" }),
      ],
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe("npm run db:import", () => {
  const run = promisify(execFile);
  const template = inject("templateDb");

  async function cli(csvText: string) {
    const id = randomUUID();
    const dbFile = join(inject("testDbDir"), `${id}-cli.db`);
    const csvFile = join(inject("testDbDir"), `${id}.csv`);
    copyFileSync(template, dbFile);
    writeFileSync(csvFile, csvText);
    const env = { ...process.env, DATABASE_PATH: dbFile };
    const result = await run(join(process.cwd(), "node_modules", ".bin", "tsx"), ["scripts/import.ts", csvFile], { env })
      .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }))
      .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));
    const check = createDb(dbFile);
    const n = await check.selectFrom("initiatives").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    await check.destroy();
    for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, csvFile]) rmSync(f, { force: true });
    return { ...result, initiatives: Number(n.n) };
  }

  it("exits 2 with per-line errors and writes nothing on invalid input", async () => {
    const r = await cli(csv("adults,Godt initiativ,Modning,UIP 2023,2023,-,-", "adults,Dårligt initiativ,Modnig,UIP 2023,2023,-,-"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Linje 3, kolonne "phase": ukendt fase "Modnig"');
    expect(r.initiatives).toBe(42);
  });

  it("exits 2 naming the row and column of an unknown owner, and writes nothing", async () => {
    const r = await cli(`${HEADER},owner\nadults,Godt initiativ,Modning,UIP 2023,2023,-,-,ingen@susi.test\n`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Linje 2, kolonne "owner": ingen aktiv programleder har e-mailen "ingen@susi.test"');
    expect(r.initiatives).toBe(42);
  });

  it("imports a valid file and prints the report", async () => {
    const r = await cli(VALID);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Initiativer oprettet: 3 (1 voksne, 2 børn og unge)");
    expect(r.initiatives).toBe(45);
  });
});
