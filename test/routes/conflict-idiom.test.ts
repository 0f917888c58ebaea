// The one 409 idiom: a ConflictError inside the step becomes a 409 whose body the page's alert recognises.
import { describe, expect, it } from "vitest";
import { ConflictError } from "#db/errors";
import { isConflict } from "~/components/forms";
import { conflictResponse, isConflictReply, withConflictCheck } from "~/utils/http.server";

describe("409 changed by someone else", () => {
  it("answers a ConflictError with 409 carrying what the page needs to place the alert", async () => {
    const reply = await withConflictCheck(async () => { throw new ConflictError("initiative", 1); }, { intent: "judge", criterionId: "a" });
    expect(isConflictReply(reply)).toBe(true);
    if (!isConflictReply(reply)) return;
    expect(reply.init?.status).toBe(409);
    expect(reply.data).toMatchObject({ conflict: true, intent: "judge", criterionId: "a" });
    expect(isConflict(reply.data, { intent: "judge", criterionId: "a" })).toBe(true);
    expect(isConflict(reply.data, { intent: "texts" })).toBe(false);
  });

  it("passes the step's value through and lets other errors fail", async () => {
    const value = await withConflictCheck(async () => ({ id: 3 }));
    expect(isConflictReply(value)).toBe(false);
    expect(value).toEqual({ id: 3 });
    await expect(withConflictCheck(async () => { throw new Error("boom"); })).rejects.toThrow("boom");
  });

  it("is not fooled by answers that only mention a conflict", () => {
    expect(isConflict({ conflict: false, result: {} })).toBe(false);
    expect(isConflict(undefined)).toBe(false);
    expect(isConflict(conflictResponse().data)).toBe(true);
  });
});
