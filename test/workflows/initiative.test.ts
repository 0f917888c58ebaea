import { describe, expect, it } from "vitest";
import { editRefusals, forbiddenEditFields, newInitiativeState } from "#workflows/initiative";

describe("a new initiative", () => {
  it("is created active under SUSI 2.0, in the phase the form names, with the chosen track or none", () => {
    expect(newInitiativeState("screening", undefined)).toEqual({ phase: "screening", status: "active", framework: "susi2", track: null });
    expect(newInitiativeState("maturation", "2")).toEqual({ phase: "maturation", status: "active", framework: "susi2", track: 2 });
  });
});

describe("what the edit form may change", () => {
  it("never phase or status; the track only while in screening", () => {
    expect(forbiddenEditFields({ phase: "screening" })).toEqual(["phase", "status"]);
    expect(forbiddenEditFields({ phase: "trial" })).toEqual(["phase", "status", "track"]);
    expect(editRefusals({ phase: "screening" }, ["title", "status", "track"])).toEqual([{ code: "governed_field", field: "status" }]);
  });
});
