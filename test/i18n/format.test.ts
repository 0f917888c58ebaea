import { describe, expect, it } from "vitest";
import {
  formatCompact, formatDate, formatDateTime, formatDecimal, formatKroner, formatList, formatMeasure, formatNumber, formatPercent,
} from "~/i18n/format";

describe("format: one notation per language", () => {
  it("groups and rounds numbers half away from zero", () => {
    expect(formatDecimal("1234567.5", "da", 1)).toBe("1.234.567,5");
    expect(formatDecimal("1234567.5", "en", 1)).toBe("1,234,567.5");
    expect(formatDecimal("2.5", "da")).toBe("3");
    expect(formatDecimal("-2.5", "da")).toBe("-3");
    expect(formatDecimal("-0.4", "da")).toBe("0");
    expect(formatNumber(12345, "da")).toBe("12.345");
    expect(formatNumber(12345, "en")).toBe("12,345");
  });

  it("shows money in whole kroner, Danish after and English before the amount", () => {
    expect(formatKroner("-1234567.49", "da")).toBe("-1.234.567 kr.");
    expect(formatKroner("1234567.5", "en")).toBe("DKK 1,234,568");
  });

  it("shows rates as percentages, measured values without trailing zeros", () => {
    expect(formatPercent("0.105", "da")).toBe("10,5 %");
    expect(formatPercent("0.12", "en", 2, { trim: true })).toBe("12 %");
    expect(formatMeasure("1100.50", "da")).toBe("1.100,5");
    expect(formatMeasure("0.12345", "en", 4)).toBe("0.1235");
    expect(formatMeasure("not a number", "da")).toBe("not a number");
  });

  it("shortens millions on axes", () => {
    expect(formatCompact(1_500_000, "da")).toBe("1,5 mio.");
    expect(formatCompact(2_000_000, "en")).toBe("2m");
    expect(formatCompact(500_000, "da")).toBe("500.000");
  });

  it("writes dates and times on the Copenhagen calendar", () => {
    expect(formatDate("2026-11-23", "da")).toBe("23.11.2026");
    expect(formatDate("2026-11-23", "en")).toBe("23/11/2026");
    // 23:30 UTC on 31 December is already New Year's Day in Copenhagen.
    expect(formatDate("2026-12-31T23:30:00Z", "da")).toBe("01.01.2027");
    expect(formatDateTime("2026-11-23T13:05:00Z", "da")).toMatch(/^23\.11\.2026,? 14[.:]05$/);
    expect(formatDate(null, "da")).toBe("");
  });

  it("joins lists as a sentence", () => {
    expect(formatList(["a", "b", "c"], "da")).toBe("a, b og c");
    expect(formatList(["a", "b", "c"], "en")).toBe("a, b and c");
  });
});

describe("format: exact rounding without decimal.js (the same answers as decimal.js)", async () => {
  const fc = await import("fast-check");
  const { default: Decimal } = await import("decimal.js");
  const reference = (v: string, places: number) => new Decimal(v).toFixed(places, Decimal.ROUND_HALF_UP);
  const plain = (s: string) => s.replace(/\./g, "");

  it("rounds any decimal string half away from zero like decimal.js does", () => {
    const decimalString = fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }))
      .map(([neg, digits, scale]) => {
        const s = digits.toString().padStart(scale + 1, "0");
        const text = scale ? `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}` : s;
        return neg ? `-${text}` : text;
      });
    fc.assert(fc.property(decimalString, fc.integer({ min: 0, max: 6 }), (v, places) => {
      const expected = reference(v, places).replace(".", ",");
      const shown = formatDecimal(v, "da", places);
      expect(plain(shown) === expected || (shown === expected.replace(/^-/, "") && /^-[0,]+$/.test(expected))).toBe(true);
    }), { numRuns: 2000 });
  });

  it("reads numbers, exponents and decimal.js values, and shows what is no number as it is", () => {
    expect(formatDecimal(1e21, "da")).toBe("1.000.000.000.000.000.000.000");
    expect(formatDecimal(1.5e-7, "en", 7)).toBe("0.0000002");
    expect(formatDecimal("12e-1", "da", 1)).toBe("1,2");
    expect(formatDecimal(".5", "da")).toBe("1");
    expect(formatDecimal("9.995", "da", 2)).toBe("10,00");
    expect(formatDecimal(new Decimal("-0.0049"), "da", 2)).toBe("0,00");
    expect(formatPercent(new Decimal("0.00125"), "da", 2)).toBe("0,13 %");
    expect(formatPercent("1", "en", 0)).toBe("100 %");
    expect(formatDecimal(Number.NaN, "da")).toBe("NaN");
    expect(formatDecimal("1.2.3", "da")).toBe("1.2.3");
    expect(formatDecimal("", "da")).toBe("");
  });
});
