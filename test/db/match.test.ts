// The tolerant successor matcher: normalisation, the "Ja (…, UIP yyyy)" reference and the similarity threshold.
import { describe, expect, it } from "vitest";
import {
  MATCH_THRESHOLD,
  findSuccessor,
  normaliseTitle,
  parseSuccessorReference,
  titleSimilarity,
  type MatchCandidate,
} from "#db/import/match";

const candidates: MatchCandidate<string>[] = [
  { key: "move", title: "Modning af styrket ambulante stofmiddelbehandling med MOVE til de mest udsatte unge", years: [2022] },
  { key: "abc", title: "Afprøvning af Act-Belong-Commit – grupperforløb – sammen om at styrke mental sundhed", years: [2022] },
  { key: "vold", title: "Modning af model til styrkelse af den kommunale indsats til voldsudsatte", years: [2022] },
  { key: "intensiv", title: "Modning af intensive forløb til unge med komplekse problemer og udadreagerende adfærd", years: [2022] },
  { key: "botilbud", title: "Bedre indsats til mennesker med psykiske vanskeligheder og samtidigt misbrug på botilbud", years: [2020] },
  { key: "mi-individuel", title: "Metodeprogrammet på stofmisbrugsområdet (MI/KAT-GO) som individuel behandling til 15-25-årige", years: [2019] },
];

describe("normaliseTitle", () => {
  it("lowercases, unifies dashes and quotes, strips punctuation and collapses spaces", () => {
    expect(normaliseTitle("  Afprøvning af Act-Belong-Commit – grupperforløb —  sammen ")).toBe(
      "afprøvning af act belong commit grupperforløb sammen",
    );
    expect(normaliseTitle('Et godt ældreliv gennem "Samarbejdsmodellen"')).toBe(normaliseTitle("Et godt ældreliv gennem “Samarbejdsmodellen”"));
    expect(normaliseTitle("Metodeprogrammet (MI/KAT-GO) til unge*")).toBe("metodeprogrammet mi kat go til unge");
  });

  it("keeps Danish letters", () => {
    expect(normaliseTitle("Børn og UNGE på Ærø")).toBe("børn og unge på ærø");
  });
});

describe("parseSuccessorReference", () => {
  it("reads the successor title and agreement year from a Ja (…) outcome", () => {
    expect(
      parseSuccessorReference("Ja (Modning af styrket ambulans stofmiddelbehandling med MOVE til de mest udsatte unge, UIP 2022)"),
    ).toEqual({ title: "Modning af styrket ambulans stofmiddelbehandling med MOVE til de mest udsatte unge", year: 2022 });
  });

  it("keeps commas and parentheses inside the named title", () => {
    expect(parseSuccessorReference("Ja (Afprøvningsaf Act-Belong-Commit – gruppeforløb – sammen om at styrke mental sundhed, UIP 2022)"))
      .toEqual({ title: "Afprøvningsaf Act-Belong-Commit – gruppeforløb – sammen om at styrke mental sundhed", year: 2022 });
    expect(parseSuccessorReference("Ja (Indsats (trin 2), for unge, UIP2023)")).toEqual({ title: "Indsats (trin 2), for unge", year: 2023 });
  });

  it("finds no successor in outcomes that do not name one", () => {
    expect(parseSuccessorReference("Initiativet indstilles til videreførelse i UIP 2024.")).toBeNull();
    expect(parseSuccessorReference("Nej. Indsatsen opfyldte ikke de faglige kriterier")).toBeNull();
    expect(parseSuccessorReference("Udbredelsesinitiativer kan ikke videreføres")).toBeNull();
    expect(parseSuccessorReference("Ja til begge")).toBeNull();
    expect(parseSuccessorReference(null)).toBeNull();
    expect(parseSuccessorReference("")).toBeNull();
  });
});

describe("findSuccessor", () => {
  it("matches 'ambulans' to 'ambulante'", () => {
    const r = findSuccessor(
      { title: "Modning af styrket ambulans stofmiddelbehandling med MOVE til de mest udsatte unge", year: 2022 },
      candidates,
    );
    expect(r.ok && r.candidate.key).toBe("move");
  });

  it("matches 'Afprøvningsaf … gruppeforløb' to 'Afprøvning af … grupperforløb'", () => {
    const r = findSuccessor(
      { title: "Afprøvningsaf Act-Belong-Commit – gruppeforløb – sammen om at styrke mental sundhed", year: 2022 },
      candidates,
    );
    expect(r.ok && r.candidate.key).toBe("abc");
    expect(r.ok && r.score).toBeGreaterThan(MATCH_THRESHOLD);
  });

  it("picks the best of several candidates under the same agreement", () => {
    const r = findSuccessor({ title: "Modning af model til styrkelse af den kommunale indsats til voldsudsatte", year: 2022 }, candidates);
    expect(r).toMatchObject({ ok: true, candidate: { key: "vold" }, score: 1 });
  });

  it("requires the successor's agreement years to include the named year", () => {
    const r = findSuccessor(
      { title: "Bedre indsats til mennesker med psykiske vanskeligheder og samtidigt misbrug på botilbud", year: 2021 },
      candidates,
    );
    expect(r).toEqual({ ok: false, reason: "no_initiative_with_year", bestScore: null });
  });

  it("does not link an unrelated title, even under the right agreement", () => {
    const r = findSuccessor({ title: "Udvikling af indsats til unge med selvskade og spiseforstyrrelse", year: 2022 }, candidates);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe("no_similar_title");
    expect(!r.ok && r.bestScore).toBeLessThan(MATCH_THRESHOLD);
  });

  it("does not link a genuinely different initiative that shares most of its title", () => {
    const named = "Metodeprogrammet på stofmisbrugsområdet (MI/KAT-GO) som gruppebehandling til unge*";
    expect(titleSimilarity(named, candidates[5].title)).toBeGreaterThan(0.7);
    expect(findSuccessor({ title: named, year: 2019 }, candidates).ok).toBe(false);
  });

  it("keeps the first candidate on a tie, so callers decide precedence", () => {
    const twins: MatchCandidate<number>[] = [
      { key: 1, title: "Styrket match af barn og anbringelsessted", years: [2021] },
      { key: 2, title: "Styrket match af barn og anbringelsessted", years: [2021] },
    ];
    const r = findSuccessor({ title: "Styrket match af barn og anbringelsessted", year: 2021 }, twins);
    expect(r.ok && r.candidate.key).toBe(1);
  });
});
