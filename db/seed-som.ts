// Example entries for the SØM knowledge database, so a fresh installation shows how it works.
// EVERY figure here is invented for demonstration: SØM's real estimates, prices and effect sizes are not
// in our sources. Each row is stored with is_example = 1 and the UI tags it "Eksempeldata".
import type { Kysely } from "kysely";
import type { DB } from "./schema";
import {
  countKnowledgeRows, createConsequenceEstimate, createEffectStudy, createTargetGroup,
  type ConsequenceEstimateValues, type EffectStudyValues, type TargetGroupValues,
} from "./queries/som-knowledge";

const EXAMPLE_SOURCE = "Eksempeldata til demonstration – ikke SØM's tal";

type Estimate = Omit<ConsequenceEstimateValues, "isExample" | "source">;
type Study = Omit<EffectStudyValues, "isExample" | "citation">;

interface ExampleGroup {
  group: Omit<TargetGroupValues, "isExample">;
  estimates: Estimate[];
  studies: Study[];
}

const p = (kommune: string, region = "0", stat = "0") => ({ kommune, region, stat });

export const SOM_EXAMPLES: readonly ExampleGroup[] = [
  {
    group: {
      name: "Udsatte voksne i hjemløshed",
      area: "vulnerable_adults",
      ageBand: "18+",
      successMeasure: "Borgeren bor i egen bolig og har ikke ophold på herberg eller forsorgshjem i 12 måneder",
      description: "Eksempel på en målgruppe for udsatte voksne. Tallene er opfundet til demonstration.",
    },
    estimates: [
      {
        label: "Ophold på herberg og forsorgshjem (§ 110)", consequenceArea: "Sociale serviceydelser", kind: "expenditure",
        deltas: ["-120", "-95", "-80", "-70", "-60", "-50", "-45", "-40", "-35", "-30"], unit: "døgn",
        prices: p("1150", "0", "1150"), priceYear: 2020,
      },
      {
        label: "Kontanthjælp", consequenceArea: "Overførselsindkomster", kind: "expenditure",
        deltas: ["-1.5", "-2.5", "-3", "-3", "-2.5", "-2", "-2", "-1.5", "-1.5", "-1"], unit: "måneder",
        prices: p("7300", "0", "3100"), priceYear: 2021,
      },
      {
        label: "Skadestuebesøg", consequenceArea: "Sundhed", kind: "expenditure",
        deltas: ["-0.8", "-0.6", "-0.5", "-0.4", "-0.3"], unit: "besøg",
        prices: p("0", "2400"), priceYear: 2020,
      },
      {
        label: "Indkomstskat af arbejdsindkomst", consequenceArea: "Skatteindtægter", kind: "revenue",
        deltas: ["0.02", "0.05", "0.08", "0.1", "0.1", "0.1", "0.1", "0.1", "0.1", "0.1"], unit: "helårsbeskæftigede",
        prices: p("62000", "0", "41000"), priceYear: 2022,
      },
    ],
    studies: [
      { intervention: "Housing First med Critical Time Intervention (CTI)", rateWith: "0.12", rateWithout: "0.02", evidenceLevel: 1 },
      { intervention: "Intensiv bostøtte (ICM)", rateWith: "0.3", rateWithout: "0.18", evidenceLevel: 2 },
    ],
  },
  {
    group: {
      name: "Unge 14-17 år med svag skolegang",
      area: "children_youth",
      ageBand: "14-17",
      successMeasure: "Den unge gennemfører 9. klasse med afgangsprøve",
      description: "Eksempel på en målgruppe for udsatte børn og unge. Tallene er opfundet til demonstration.",
    },
    estimates: [
      {
        label: "Anbringelse uden for hjemmet", consequenceArea: "Sociale serviceydelser", kind: "expenditure",
        deltas: ["-60", "-50", "-40", "-30", "-20"], unit: "døgn", prices: p("2500"), priceYear: 2022,
      },
      {
        label: "Specialundervisning", consequenceArea: "Undervisning", kind: "expenditure",
        deltas: ["-0.3", "-0.3", "-0.2"], unit: "elevår", prices: p("220000"), priceYear: 2021,
      },
      {
        label: "Sigtelser", consequenceArea: "Retsvæsen", kind: "expenditure",
        deltas: ["-0.4", "-0.3", "-0.2", "-0.1"], unit: "sigtelser", prices: p("0", "0", "18000"), priceYear: 2019,
      },
    ],
    studies: [
      { intervention: "Multisystemisk terapi (MST)", rateWith: "0.35", rateWithout: "0.25", evidenceLevel: 1 },
      { intervention: "Mentorforløb i udskolingen", rateWith: "0.42", rateWithout: "0.36", evidenceLevel: 3 },
    ],
  },
  {
    group: {
      name: "Voksne med handicap uden for arbejdsmarkedet",
      area: "adults_disability",
      ageBand: "18+",
      successMeasure: "Borgeren er i ordinær eller støttet beskæftigelse mindst 10 timer om ugen",
      description: "Eksempel på en målgruppe for voksne med handicap. Tallene er opfundet til demonstration.",
    },
    estimates: [
      {
        label: "Førtidspension", consequenceArea: "Overførselsindkomster", kind: "expenditure",
        deltas: ["-0.5", "-1", "-1", "-1", "-1", "-1", "-1", "-1", "-1", "-1"], unit: "måneder",
        prices: p("4200", "0", "12600"), priceYear: 2020,
      },
      {
        label: "Socialpædagogisk støtte (§ 85)", consequenceArea: "Sociale serviceydelser", kind: "expenditure",
        deltas: ["-40", "-40", "-30", "-20"], unit: "timer", prices: p("450"), priceYear: 2021,
      },
      {
        label: "Indkomstskat af arbejdsindkomst", consequenceArea: "Skatteindtægter", kind: "revenue",
        deltas: ["0.1", "0.2", "0.25", "0.25", "0.25"], unit: "helårsbeskæftigede",
        prices: p("62000", "0", "41000"), priceYear: 2022,
      },
    ],
    studies: [
      { intervention: "Individuelt planlagt job med støtte (IPS)", rateWith: "0.3", rateWithout: "0.15", evidenceLevel: 1 },
    ],
  },
];

/** Example index values (2020 = 100), invented for demonstration. */
export const SOM_EXAMPLE_NPI: readonly { year: number; value: string }[] = [
  { year: 2015, value: "94.6" }, { year: 2016, value: "95.3" }, { year: 2017, value: "96.5" },
  { year: 2018, value: "97.8" }, { year: 2019, value: "98.9" }, { year: 2020, value: "100" },
  { year: 2021, value: "102.2" }, { year: 2022, value: "108.4" }, { year: 2023, value: "112.1" },
  { year: 2024, value: "114" }, { year: 2025, value: "116.3" }, { year: 2026, value: "118.6" },
];

export type SomSeedResult = { seeded: false } | { seeded: true; targetGroups: number; estimates: number; studies: number; npiYears: number };

/**
 * Seeds the labelled example entries when the knowledge tables are all empty; otherwise does nothing,
 * so it is safe to call on every `db:seed` and never touches real entries.
 */
export async function seedSomExamples(db: Kysely<DB>, now = new Date().toISOString()): Promise<SomSeedResult> {
  if ((await countKnowledgeRows(db)) > 0) return { seeded: false };
  return db.transaction().execute(async (trx): Promise<SomSeedResult> => {
    if ((await countKnowledgeRows(trx)) > 0) return { seeded: false };
    let estimates = 0;
    let studies = 0;
    for (const example of SOM_EXAMPLES) {
      const groupId = await createTargetGroup(trx, { ...example.group, isExample: true }, null, now);
      for (const e of example.estimates) {
        await createConsequenceEstimate(trx, groupId, { ...e, source: EXAMPLE_SOURCE, isExample: true }, null, now);
        estimates++;
      }
      for (const s of example.studies) {
        await createEffectStudy(trx, groupId, { ...s, citation: EXAMPLE_SOURCE, isExample: true }, null, now);
        studies++;
      }
    }
    await trx
      .insertInto("som_npi")
      .values(SOM_EXAMPLE_NPI.map((r) => ({ year: r.year, value: r.value, is_example: 1, updated_by: null, updated_at: now })))
      .execute();
    return { seeded: true, targetGroups: SOM_EXAMPLES.length, estimates, studies, npiYears: SOM_EXAMPLE_NPI.length };
  });
}
