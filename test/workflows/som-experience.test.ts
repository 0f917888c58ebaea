import { describe, expect, it } from "vitest";
import { copyOf, EXPERIENCE_REFUSAL_STATUS, mayCopy, mayPublish, mayRead, mayWithdraw, offersCopy } from "#workflows/som-experience";

const PIA = 3;
const PETER = 4;
const live = { publishedBy: PIA, unpublishedAt: null };
const withdrawn = { publishedBy: PIA, unpublishedAt: "2026-12-01T10:00:00.000Z" };

describe("the SØM experience database rules", () => {
  it("a live publication is read by everyone; a withdrawn one by its publisher only", () => {
    expect(mayRead(live, PETER)).toBe(true);
    expect(mayRead(withdrawn, PIA)).toBe(true);
    expect(mayRead(withdrawn, PETER)).toBe(false);
  });

  it("offers the copy form to those who may edit calculations, while the publication is live", () => {
    expect(offersCopy(live, true)).toBe(true);
    expect(offersCopy(live, false)).toBe(false);
    expect(offersCopy(withdrawn, true)).toBe(false);
  });

  it("a withdrawn publication cannot be copied (409)", () => {
    expect(mayCopy(live)).toEqual({ ok: true });
    expect(mayCopy(withdrawn)).toEqual({ ok: false, refusal: { code: "withdrawn" } });
    expect(EXPERIENCE_REFUSAL_STATUS.withdrawn).toBe(409);
  });

  it("only the publisher withdraws a publication (403 for anyone else)", () => {
    expect(mayWithdraw(live, PIA)).toEqual({ ok: true });
    expect(mayWithdraw(live, PETER)).toEqual({ ok: false, refusal: { code: "not_publisher" } });
    expect(EXPERIENCE_REFUSAL_STATUS.not_publisher).toBe(403);
  });

  it("a version with a live publication is not published again (409)", () => {
    expect(mayPublish(false)).toEqual({ ok: true });
    expect(mayPublish(true)).toEqual({ ok: false, refusal: { code: "already_published" } });
    expect(EXPERIENCE_REFUSAL_STATUS.already_published).toBe(409);
  });

  it("a copy is the target calculation with the publication's input, checklist and spreads", () => {
    const publication = { id: 9, title: "Housing First", input: { horizonYears: 2 }, checklist: { priceYear: 2024 }, spreads: null };
    const target = { initiativeId: 2, phase: "maturation", scenario: "cautious", title: "Kopi" };
    expect(copyOf(publication, target)).toEqual({ ...target, input: publication.input, checklist: publication.checklist, spreads: null });
  });
});
