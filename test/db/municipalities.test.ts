// The bundled municipality list (db/seed-data/municipalities.ts) is the seed CSV, row for row.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { isMunicipalityCode, municipalityByCode, MUNICIPALITIES } from "#db/seed-data/municipalities";

describe("municipalities", () => {
  it("are the 98 rows of db/seed-data/municipalities.csv", () => {
    const csv = parse(readFileSync(new URL("../../db/seed-data/municipalities.csv", import.meta.url), "utf8"), { columns: true });
    expect(MUNICIPALITIES).toEqual(csv);
    expect(MUNICIPALITIES).toHaveLength(98);
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(98);
  });

  it("are looked up by code, and nothing else passes as one", () => {
    expect(municipalityByCode("751")?.name).toBe("Aarhus");
    expect(isMunicipalityCode("101")).toBe(true);
    for (const bad of ["999", "", " 101", 101, null, "toString"]) expect(isMunicipalityCode(bad)).toBe(false);
  });
});
