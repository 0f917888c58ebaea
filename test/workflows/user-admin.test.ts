import { describe, expect, it } from "vitest";
import { mayAdminister, mayChangeRoles, maySetActive, orderRoles } from "#workflows/user-admin";

const admin = { id: 1, active: 1, role: "admin" as const };

describe("user administration rules", () => {
  it("only an active admin administers users", () => {
    expect(mayAdminister(admin)).toEqual({ ok: true });
    expect(mayAdminister({ ...admin, active: 0 })).toEqual({ ok: false, refusal: { code: "not_admin" } });
    expect(mayAdminister({ ...admin, role: "program_manager" })).toEqual({ ok: false, refusal: { code: "not_admin" } });
    expect(mayAdminister(undefined)).toEqual({ ok: false, refusal: { code: "not_admin" } });
  });

  it("an admin cannot give up their own admin role, but may change anyone else's", () => {
    expect(mayChangeRoles(admin, 1, ["program_manager"])).toEqual({ ok: false, refusal: { code: "own_admin_role" } });
    expect(mayChangeRoles(admin, 1, ["admin", "steering_group"])).toEqual({ ok: true });
    expect(mayChangeRoles(admin, 2, ["steering_group"])).toEqual({ ok: true });
  });

  it("an admin cannot deactivate themselves", () => {
    expect(maySetActive(admin, 1, false)).toEqual({ ok: false, refusal: { code: "own_deactivate" } });
    expect(maySetActive(admin, 2, false)).toEqual({ ok: true });
    expect(maySetActive({ ...admin, role: "knowledge_staff" }, 2, true)).toEqual({ ok: false, refusal: { code: "not_admin" } });
  });
});

describe("the order roles are stored in", () => {
  const ORDER = ["program_manager", "steering_group", "knowledge_staff", "admin"] as const;
  it("keeps the primary role first while the user still holds it", () => {
    expect(orderRoles("steering_group", ["program_manager", "steering_group"], ORDER)).toEqual(["steering_group", "program_manager"]);
  });
  it("otherwise the first of the new roles in the usual order becomes primary", () => {
    expect(orderRoles("admin", ["knowledge_staff", "program_manager"], ORDER)).toEqual(["program_manager", "knowledge_staff"]);
  });
});
