// The seeded database against seed 004's Bilag 1, row by row (issue 8, DECISIONS 0095). The fixture is the
// source's own table text (test/fixtures/seed-004-bilag1.txt, tabs and markup as the source gives them);
// this test reads it with the source's vocabulary (DOMAIN.md, "Reading Bilag 1's two outcome columns"),
// not with the import's code, and compares all 42 rows on area, phase, agreements, status, SUSI-assessed,
// verdict and reason. Any difference fails, naming the row.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";

interface SourceRow {
  table: 1 | 2;
  title: string;
  phase: string;
  agreement: string;
  outcome: string;
  assessment: string;
}

const strip = (s: string) => s.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();

function readFixture(): SourceRow[] {
  const text = readFileSync(new URL("../fixtures/seed-004-bilag1.txt", import.meta.url), "utf8");
  const rows: SourceRow[] = [];
  let table: 1 | 2 = 1;
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const f = line.split("\t").map(strip);
    if (/^Tabel 2$/.test(f[0])) table = 2;
    if (f.length < 5 || f[0] === "" || f[0] === "Initiativ" || /^Tabel|^Initiativer på/.test(f[0])) continue;
    rows.push({ table, title: f[0], phase: f[1], agreement: f[2], outcome: f[f.length - 2], assessment: f[f.length - 1] });
  }
  return rows;
}

const lower = (s: string) => s.toLocaleLowerCase("da");

/** The source's phase words (it abbreviates "Afprøvn" once and writes "Screening/ modning"). */
function phaseOf(p: string) {
  const w = lower(p).replace(/\s*\/\s*/g, "/");
  if (w === "screening/modning") return "screening_maturation";
  if (w === "screening") return "screening";
  if (w === "modning") return "maturation";
  if (w.startsWith("afprøvn")) return "trial";
  if (w === "udbredelse") return "dissemination";
  throw new Error(`unknown phase ${p}`);
}

/** The last column: was an assessment made, and was the intervention found suitable for a new phase? */
function verdictOf(a: string) {
  const w = lower(a);
  if (w.startsWith("ja til begge")) return "yes_both";
  if (w.startsWith("ja og nej")) return "yes_no";
  if (w.startsWith("ja og delvist")) return "yes_partly";
  if (/^nej\b/.test(w)) return "no_assessment";
  return null;
}

function assessedOf(a: string) {
  const w = lower(a);
  if (w === "" || w === "-") return null;
  if (w.startsWith("ja og delvist")) return "partly";
  if (w.startsWith("ja")) return "yes";
  if (w.startsWith("nej")) return "no";
  if (w.startsWith("der foretages ikke")) return "not_applicable";
  throw new Error(`unread assessment ${a}`);
}

/** What the source says of the row, in the columns the database must hold. */
function expected(r: SourceRow) {
  const o = lower(r.outcome === "-" ? "" : r.outcome);
  const verdict = verdictOf(r.assessment);
  // "Uafsluttede initiativer fremgår derfor med '-'"; dissemination's "kan ikke videreføres" tells no end.
  const ended = !o.includes("kan ikke videreføres") && (o !== "" || verdict !== null);
  const notCarriedOn = /^nej\b/.test(o) || o.includes("indstilles ikke");
  const reason = !notCarriedOn ? null
    : o.includes("covid") || o.includes("fuldt implementeret") ? "not_fully_implemented"
      : o.includes("definitionen af en indsats") ? "not_an_intervention"
        : o.includes("afventer") ? "waiting_on_other"
          : o.includes("kriterier") ? "criteria_not_met" : "other";
  return {
    area: r.table === 1 ? "adults" : "children",
    phase: phaseOf(r.phase),
    agreements: [...r.agreement.matchAll(/\d{4}/g)].map((m) => Number(m[0])),
    status: !ended ? "active" : notCarriedOn ? "stopped" : "completed",
    assessed: assessedOf(r.assessment),
    verdict: ended ? verdict : null,
    reason,
  };
}

/** Titles as the source's PDF text breaks them ("stofmid- delbehandling"), compared without the breaks. */
const sameTitle = (a: string) => lower(a).replace(/(\p{L})- (\p{L})/gu, "$1$2").replace(/\s+/g, " ").trim();

async function seeded() {
  const d = db();
  const [initiatives, agreements, outcomes] = await Promise.all([
    d.selectFrom("initiatives").select(["id", "title", "area", "phase", "status", "susi_assessment_made"]).where("import_key", "is not", null).orderBy("id").execute(),
    d.selectFrom("initiative_agreements").select(["initiative_id", "year"]).orderBy("year").execute(),
    d.selectFrom("phase_outcomes").select(["initiative_id", "verdict", "reason", "from_source"]).where("from_source", "=", 1).execute(),
  ]);
  return initiatives.map((i) => {
    const o = outcomes.filter((x) => x.initiative_id === i.id);
    if (o.length > 1) throw new Error(`${i.title}: ${o.length} outcomes from the source`);
    return {
      title: i.title,
      row: {
        area: i.area, phase: i.phase, agreements: agreements.filter((a) => a.initiative_id === i.id).map((a) => a.year),
        status: i.status, assessed: i.susi_assessment_made, verdict: o[0]?.verdict ?? null, reason: o[0]?.reason ?? null,
      },
    };
  });
}

describe("the seeded database against seed 004's Bilag 1", () => {
  const source = readFixture();

  it("reads 42 rows from the source table: 27 adults, 15 children", () => {
    expect(source).toHaveLength(42);
    expect(source.filter((r) => r.table === 1)).toHaveLength(27);
  });

  it("holds every row as the source gives it: 42 of 42 equal on area, phase, agreements, status, SUSI-assessed, verdict and reason", async () => {
    const db = await seeded();
    expect(db).toHaveLength(source.length);
    const differences: string[] = [];
    source.forEach((r, k) => {
      const got = db[k];
      if (sameTitle(got.title) !== sameTitle(r.title)) differences.push(`row ${k + 1}: title ${got.title} ≠ ${r.title}`);
      const want = expected(r);
      for (const field of Object.keys(want) as (keyof typeof want)[]) {
        if (JSON.stringify(got.row[field]) !== JSON.stringify(want[field])) {
          differences.push(`row ${k + 1} (${r.title}): ${field} ${JSON.stringify(got.row[field])} ≠ source ${JSON.stringify(want[field])}`);
        }
      }
    });
    expect(differences).toEqual([]);
    expect(source.length - new Set(differences.map((d) => d.split(":")[0])).size).toBe(42);
  });

  it("keeps the verdicts the source words apart: two 'Ja og nej', two 'Ja og delvist'", async () => {
    const rows = await db().selectFrom("phase_outcomes").select(["verdict", (eb) => eb.fn.countAll<number>().as("n")])
      .where("from_source", "=", 1).groupBy("verdict").execute();
    const by = Object.fromEntries(rows.map((r) => [r.verdict ?? "none", Number(r.n)]));
    expect(by).toMatchObject({ yes_no: 2, yes_partly: 2, no_assessment: 1 });
  });

  it("stores the one initiative ended and not recommended for continuation apart from those that were", async () => {
    const rows = await db().selectFrom("phase_outcomes").innerJoin("initiatives", "initiatives.id", "phase_outcomes.initiative_id")
      .select(["initiatives.title", "initiatives.status", "phase_outcomes.kind", "phase_outcomes.reason", "phase_outcomes.recommended", "phase_outcomes.continues_in_year"])
      .where((eb) => eb.or([eb("phase_outcomes.kind", "=", "recommended_later"), eb("phase_outcomes.reason", "=", "waiting_on_other")]))
      .orderBy("initiatives.id").execute();
    expect(rows.map((r) => ({ ...r, recommended: Number(r.recommended), continues_in_year: r.continues_in_year === null ? null : Number(r.continues_in_year) }))).toEqual([
      { title: "Metodeprogrammet på stofmisbrugsområdet (MI/KAT-GO) som gruppebehandling til unge*", status: "stopped", kind: "not_carried_on", reason: "waiting_on_other", recommended: 0, continues_in_year: null },
      { title: "Screening og modning af metoder til unge med autisme og overgangen til et selvstændigt liv", status: "completed", kind: "recommended_later", reason: null, recommended: 1, continues_in_year: 2024 },
      { title: "Modning af modificeret ACT-metode til borgere med komplekse problemstillinger", status: "completed", kind: "recommended_later", reason: null, recommended: 1, continues_in_year: 2024 },
    ]);
  });

  it("links each carried-on outcome to the successor the source names, and records one of four methods passing", async () => {
    const carried = await db().selectFrom("phase_outcomes").select(["successor_id", "successor_title"]).where("kind", "=", "carried_on").execute();
    expect(carried).toHaveLength(6);
    expect(carried.every((c) => c.successor_id !== null && c.successor_title)).toBe(true);
    const partly = await db().selectFrom("phase_outcomes").innerJoin("initiatives", "initiatives.id", "phase_outcomes.initiative_id")
      .select("phase_outcomes.methods").where("initiatives.title", "=", "Forebyggende metoder til psykisk sårbare unge").executeTakeFirstOrThrow();
    expect(JSON.parse(partly.methods)).toEqual([{ name: null, passed: true }, { name: null, passed: false }, { name: null, passed: false }, { name: null, passed: false }]);
  });
});
