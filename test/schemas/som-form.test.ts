// The SØM editor form: Danish numbers and percentages in, the engine's JSON out, and parseSomInput's
// refusals reported at the form's own field names in the reader's language.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { parseDanishDecimal, somFormDefaults, somFormSchema, somLiveSchema, translateSomWarning } from "~/schemas/som-form";
import { validFormFields } from "./som-form-fixtures";

const t = translator("da");

function formData(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

describe("parseDanishDecimal", () => {
  it.each([
    ["1.234.567", "1234567"],
    ["1.234.567,50", "1234567.5"],
    ["1250,50", "1250.5"],
    ["0,12", "0.12"],
    ["0.125", "0.125"],
    ["12.5", "12.5"],
    ["1.250", "1250"],
    ["-120", "-120"],
    ["\u2212120", "-120"],
    ["250 000 kr.", "250000"],
    ["007", "7"],
    ["-0", "0"],
  ])("%s -> %s", (input, expected) => expect(parseDanishDecimal(input)).toBe(expected));

  it.each(["", "abc", "1,2,3", "1.2.3", "12,", "1e5", "--1"])("refuses %j", (input) => expect(parseDanishDecimal(input)).toBeNull());
});

describe("somFormSchema", () => {
  it("turns the form into the engine's input: percentages to rates, Danish numbers to decimal strings", () => {
    const s = parseWithZod(formData(validFormFields()), { schema: somFormSchema(t, "create") });
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value.input.successRate).toEqual({ intervention: "0.12", comparison: "0.02" });
    expect(s.value.input.costs[0]).toEqual({ label: "Opstart: uddannelse", payer: "kommune", type: "oneOff", amount: "250000", year: 1 });
    expect(s.value.input.consequences[0].deltaPerSuccess).toEqual(["-120", "-90", "-60"]);
    expect(s.value.input.consequences[0].prices).toEqual({ kommune: "1100", region: "0", stat: "0" });
    expect(s.value.checklist).toEqual({
      targetGroupMatch: "yes", targetGroupNote: "", effectMeasureMatch: "partly", effectMeasureNote: "",
      effectSource: "Egen før-/eftermåling 2025", priceYear: 2026,
    });
    expect(s.value.spreads).toBeNull();
    expect(s.value.phase).toBe("trial");
  });

  it("names the field of every refusal, in Danish, calculation and checklist together", () => {
    const s = parseWithZod(
      formData(validFormFields({ "cohorts[0].citizens": "fyrre", "consequences[0].deltaPerSuccess": "-120; x", "checklist.priceYear": "" })),
      { schema: somFormSchema(t, "create") },
    );
    expect(s.status).toBe("error");
    const error = s.reply().error ?? {};
    expect(error["cohorts[0].citizens"]).toEqual([t("som.error.decimal")]);
    expect(error["consequences[0].deltaPerSuccess"]?.[0]).toContain("År 1");
    expect(error["checklist.priceYear"]).toEqual([t("som.error.priceYear")]);
  });

  it("refuses a rate above 100 %, and asks (without refusing) for the kind of a negative cost", () => {
    const s = parseWithZod(
      formData(validFormFields({ "successRate.intervention": "120", "costs[0].amount": "-5000" })),
      { schema: somFormSchema(t, "create") },
    );
    const error = s.reply().error ?? {};
    expect(error["successRate.intervention"]).toEqual([t("som.error.percent")]);
    expect(error["costs[0].offsetKind"]).toBeUndefined();
    const offset = parseWithZod(formData(validFormFields({ "costs[0].amount": "-5000" })), { schema: somFormSchema(t, "create") });
    expect(offset.status).toBe("success");
    if (offset.status !== "success") return;
    expect(offset.value.input.costs[0].offsetKind).toBeUndefined();
    expect(offset.value.warnings.map((w) => translateSomWarning(t, w))).toEqual([t("som.warning.offsetKind", { n: 1 })]);
  });

  it("reads spreads in percent and needs the version when editing", () => {
    const s = parseWithZod(
      formData(validFormFields({ "spreads.successRate": "3", "spreads.prices": "20" })),
      { schema: somFormSchema(t, "edit") },
    );
    expect(s.reply().error?.version).toEqual([t("error.required")]);
    const ok = parseWithZod(formData(validFormFields({ version: "4", "spreads.successRate": "3", "spreads.prices": "20" })), { schema: somFormSchema(t, "edit") });
    expect(ok.status).toBe("success");
    if (ok.status === "success") expect(ok.value.spreads).toEqual({ successRate: "0.03", consequenceDeltas: "0", prices: "0.2", costs: "0" });
  });

  it("the live schema ignores the checklist and title", () => {
    const fields = validFormFields({ title: "", "checklist.effectSource": "" });
    expect(parseWithZod(formData(fields), { schema: somLiveSchema(t) }).status).toBe("success");
  });

  it("round-trips a saved calculation through the form's defaults", () => {
    const s = parseWithZod(formData(validFormFields()), { schema: somFormSchema(t, "create") });
    if (s.status !== "success") throw new Error("invalid");
    const d = somFormDefaults(s.value.input, s.value.checklist, null, { title: "x", scenario: "expected", phase: "trial" });
    const flat: Record<string, string> = {
      title: d.title!, scenario: d.scenario!, phase: d.phase!, horizonYears: d.horizonYears, courseLengthYears: d.courseLengthYears,
      discountRate: d.discountRate, "successRate.intervention": d.successRate.intervention, "successRate.comparison": d.successRate.comparison,
    };
    d.cohorts.forEach((c, i) => Object.assign(flat, { [`cohorts[${i}].startYear`]: c.startYear, [`cohorts[${i}].citizens`]: c.citizens }));
    d.costs.forEach((c, i) => { for (const [k, v] of Object.entries(c)) flat[`costs[${i}].${k}`] = v; });
    d.consequences.forEach((c, i) => {
      for (const k of ["label", "area", "kind", "deltaPerSuccess"] as const) flat[`consequences[${i}].${k}`] = c[k];
      for (const [k, v] of Object.entries(c.prices)) flat[`consequences[${i}].prices.${k}`] = v;
    });
    for (const [k, v] of Object.entries(d.checklist)) flat[`checklist.${k}`] = v;
    const again = parseWithZod(formData(flat), { schema: somFormSchema(t, "create") });
    expect(again.status).toBe("success");
    if (again.status === "success") expect(again.value.input).toEqual(s.value.input);
  });
});
