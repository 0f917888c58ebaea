// The client build's translation split (scripts/vite-i18n-split.ts, DECISIONS 0113): which words a module names,
// which words server steps hand on to their page, and that the real code base's pages get the words they use.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOG } from "~/i18n/catalog";
import { i18nSplit, indexCatalog, keysHandedOn, keysNamedIn, serverKeysByScope } from "../../scripts/vite-i18n-split";

const small = indexCatalog({
  a: { da: { "phase.screening": "Screening", "phase.trial": "Afprøvning", "detail.title": "Titel" }, en: { "phase.screening": "Screening", "phase.trial": "Trial", "detail.title": "Title" } },
  b: { da: { "phaseX.one": "En", "form.required": "Skal udfyldes" }, en: { "phaseX.one": "One", "form.required": "Required" } },
});

describe("keysNamedIn", () => {
  it("finds keys named exactly, in any quote", () => {
    expect([...keysNamedIn(`t("detail.title"); x('form.required'); y(\`detail.title\`)`, small)].sort()).toEqual(["detail.title", "form.required"]);
  });

  it("takes every key under a prefix written before an interpolation or ending in a dot", () => {
    expect([...keysNamedIn("t(`phase.${p}`)", small)].sort()).toEqual(["phase.screening", "phase.trial"]);
    expect([...keysNamedIn(`word(t, "phase.", v)`, small)].sort()).toEqual(["phase.screening", "phase.trial"]);
  });

  it("does not take a longer namespace for a shorter prefix, nor words that are not keys", () => {
    expect([...keysNamedIn("t(`phase.${p}`)", small)]).not.toContain("phaseX.one");
    expect(keysNamedIn(`const s = "phase"; const u = "detail.titles"; import x from "./phase.ts";`, small).size).toBe(0);
  });
});

describe("keysHandedOn", () => {
  it("skips words a server module translates itself and keeps those it returns untranslated", () => {
    expect([...keysHandedOn(`const a = t("detail.title"); return { error: "form.required" };`, small)]).toEqual(["form.required"]);
  });

  it("counts getT(request)(…) as translated there (a 400's text is written on the server)", () => {
    expect(keysHandedOn(`badRequest(getT(request)("form.required", { param }));`, small).size).toBe(0);
  });
});

describe("on the real code base", () => {
  const index = indexCatalog(CATALOG);
  const root = join(import.meta.dirname, "..", "..");

  it("gives the history table every phase and release status word (they are built from a prefix and a value)", () => {
    const keys = keysNamedIn(readFileSync(join(root, "app/utils/history-text.ts"), "utf8"), index);
    for (const k of ["phase.screening", "phase.dissemination", "releaseStatus.published", "som.scenario.expected", "status.stopped"]) {
      if (index.featureOf.has(k)) expect(keys, k).toContain(k);
    }
    expect([...keys].some((k) => k.startsWith("phase."))).toBe(true);
    expect([...keys].some((k) => k.startsWith("releaseStatus."))).toBe(true);
  });

  it("collects server steps' words per route folder, and the request helpers' words for the root", () => {
    const scopes = serverKeysByScope(root, index);
    expect(scopes.has("root")).toBe(true);
    expect([...scopes.keys()].filter((s) => s.startsWith("routes/")).length).toBeGreaterThan(5);
    for (const [scope, keys] of scopes) for (const k of keys) expect(index.featureOf.has(k), `${scope}: ${k}`).toBe(true);
  });

  it("loads no export headings with the root: the audit exports write theirs on the server", () => {
    const root = [...(serverKeysByScope(join(import.meta.dirname, "..", ".."), index).get("root") ?? [])];
    expect(root.filter((k) => k.startsWith("audit.col."))).toEqual([]);
    for (const k of ["portfolio.badFilter", "common.badFilter", "common.badParameter"]) expect(root).not.toContain(k);
  });
});

describe("the plugin's transform", () => {
  const root = join(import.meta.dirname, "..", "..");
  type Hook = (this: unknown, ...args: unknown[]) => unknown;
  const plugin = i18nSplit({ root, catalog: CATALOG });
  const transform = plugin.transform as Hook;
  const load = plugin.load as Hook;

  it("gives a page that imports a dictionary's helpers the words those helpers build from codes", () => {
    const file = join(root, "app/i18n/csv-import.ts");
    const out = transform.call({}, readFileSync(file, "utf8"), file, { ssr: false }) as { code: string } | null;
    expect(out?.code.startsWith('import "virtual:i18n/app/i18n/csv-import.ts";')).toBe(true);
    const registered = String(load.call({}, "\0virtual:i18n/app/i18n/csv-import.ts"));
    expect(registered).toContain('"csvImport.problem.unknown_phase"');
  });

  it("leaves server builds alone", () => {
    const file = join(root, "app/i18n/csv-import.ts");
    expect(transform.call({}, readFileSync(file, "utf8"), file, { ssr: true })).toBeNull();
  });
});
