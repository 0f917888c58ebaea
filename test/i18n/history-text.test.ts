// The history renderer writes rows for people in both languages: labels and values in words, the
// criterion's own text, dates in the reader's format, "—" for empty, owner names instead of ids.
import { describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { historyActionLabel, historyFields, historySideLines } from "~/utils/history-text";

const da = translator("da");
const en = translator("en");

function sides(row: { action: string; entity: string; before: unknown; after: unknown }, t = da, names = {}) {
  const fields = historyFields({ ...row, before: row.before === undefined ? null : JSON.stringify(row.before), after: JSON.stringify(row.after) }, t, names);
  return { before: historySideLines(fields, "before", t), after: historySideLines(fields, "after", t) };
}

describe("history rows in words", () => {
  it("writes a decision's outcome, phase and status", () => {
    const r = sides({ action: "decision.made", entity: "decision", before: { phase: "maturation", status: "active" }, after: { outcome: "conditional_go", phase: "trial", status: "active" } });
    expect(r.after).toEqual(["Udfald: Betinget go", "Fase: Afprøvning", "Status: Aktiv"]);
    expect(r.before).toEqual(["Udfald: —", "Fase: Modning", "Status: Aktiv"]);
    expect(sides({ action: "decision.made", entity: "decision", before: undefined, after: { outcome: "conditional_go" } }, en).after).toEqual(["Outcome: Conditional go"]);
  });

  it("writes a recorded phase outcome's kind and reason in words, and a dissent's reason as written", () => {
    const r = sides({ action: "outcome.recorded", entity: "decision", before: null, after: { kind: "not_carried_on", reason: "criteria_not_met" } });
    expect(r.after.join(" | ")).toContain("Ikke videreført");
    expect(r.after.join(" | ")).toContain("Lever ikke op til SUSI-kriterierne");
    expect(sides({ action: "outcome.recorded", entity: "decision", before: null, after: { kind: "carried_on" } }, en).after.join(" | ")).toContain("Carried on");
    expect(sides({ action: "decision.dissent", entity: "decision", before: null, after: { reason: "Vi mangler data." } }).after.join(" | ")).toContain("Vi mangler data.");
  });

  it("names the criterion by its own text, and writes the judgement and evidence level", () => {
    const r = sides({ action: "assessment.judged", entity: "assessment", before: null, after: { criterion_id: "toMaturation.well_founded", judgement: "partly_met", evidence_level: "practice", justification: "" } });
    expect(r.after).toEqual(["Kriterium: Indsatsen er fagligt velbegrundet", "Vurdering: Delvist opfyldt", "Evidensniveau: Praksisviden", "Begrundelse: —"]);
    expect(r.before).toEqual([]);
    expect(sides({ action: "assessment.judged", entity: "assessment", before: null, after: { criterion_id: "toMaturation.well_founded" } }, en).after)
      .toEqual(["Criterion: The intervention is professionally well-founded"]);
  });

  it("writes dates, empty values, the track, statuses by aggregate, owners and budgets", () => {
    expect(sides({ action: "period.updated", entity: "phase_period", before: { planned_start: null }, after: { planned_start: "2026-03-01" } }).after).toEqual(["Planlagt start: 01.03.2026"]);
    expect(sides({ action: "period.updated", entity: "phase_period", before: { planned_start: null }, after: { planned_start: "2026-03-01" } }).before).toEqual(["Planlagt start: —"]);
    expect(sides({ action: "initiative.created", entity: "initiative", before: undefined, after: { track: null } }).after).toEqual(["Spor: Intet spor"]);
    expect(sides({ action: "release.submitted", entity: "release", before: undefined, after: { status: "in_review" } }).after).toEqual(["Status: Til kvalitetssikring"]);
    expect(sides({ action: "subscription.confirmed", entity: "subscriber", before: undefined, after: { status: "confirmed", areas: ["adults", "children"] } }).after)
      .toEqual(["Status: Bekræftet", "Områder: Voksne og Børn og unge"]);
    const owner = sides({ action: "initiative.owner_budget_updated", entity: "initiative", before: undefined, after: { owner_id: 7, budgets: [{ year: 2024, budget_kr: 1500000 }, { year: 2025, budget_kr: null }] } }, da, { 7: "Pia Programleder" });
    expect(owner.after).toEqual(["Ejer: Pia Programleder", "Budget pr. aftaleår: 2024: 1.500.000 kr.; 2025: —"]);
    expect(sides({ action: "som.unpublished", entity: "som_published_calculation", before: undefined, after: { unpublished_at: "2026-12-02T09:05:00.000Z" } }).after).toEqual(["Fjernet fra erfaringsdatabasen: 02.12.2026, 10.05"]);
    expect(sides({ action: "som.effect_study.created", entity: "som_effect_study", before: undefined, after: { rate_with: "0.3", price_year: 2021, is_example: 1 } }).after)
      .toEqual(["Andel med indsats: 0,3", "Prisår: 2021", "Eksempeldata: Ja"]);
  });

  it("writes a login's address and a user's roles", () => {
    expect(sides({ action: "auth.login_failed", entity: "user", before: undefined, after: { email: "a@b.dk", address: "127.0.0.1" } }).after)
      .toEqual(["E-mail: a@b.dk", "IP-adresse: 127.0.0.1"]);
    expect(sides({ action: "user.role_changed", entity: "user", before: undefined, after: { roles: ["program_manager", "steering_group"] } }).after)
      .toEqual(["Roller: Programleder og Styregruppe"]);
    expect(historyActionLabel("auth.login_failed", da)).toBe("Mislykket login");
  });

  it("labels actions, and shows an unknown action's code", () => {
    expect(historyActionLabel("decision.made", da)).toBe("Beslutning truffet");
    expect(historyActionLabel("user.role_changed", en)).toBe("User's role changed");
    expect(historyActionLabel("brand.new", da)).toBe("brand.new");
  });
});
