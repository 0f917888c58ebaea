// Every translation module has the same keys in Danish and English, and no string is left empty.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dir = join(process.cwd(), "app", "i18n");
// index.ts merges the modules, format.ts and refusals.ts are functions over them; every other file is one
// module exporting { da, en }.
const NOT_DICTIONARIES = ["catalog.ts", "index.ts", "format.ts", "refusals.ts"];
const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !NOT_DICTIONARIES.includes(f)).sort();

type Module = { da: Record<string, string>; en: Record<string, string> };

async function load(file: string): Promise<Module[]> {
  const mod = (await import(/* @vite-ignore */ join(dir, file))) as Record<string, unknown>;
  return Object.values(mod).filter((v): v is Module => !!v && typeof v === "object" && "da" in v && "en" in v);
}

describe("i18n modules", () => {
  it("finds the modules", () => {
    expect(files).toContain("admin.ts");
    expect(files).toContain("common.ts");
  });

  it.each(files)("%s has the same keys in da and en and no empty strings", async (file) => {
    const modules = await load(file);
    expect(modules.length, `${file} exports no { da, en } object`).toBeGreaterThan(0);
    for (const { da, en } of modules) {
      expect(Object.keys(en).sort()).toEqual(Object.keys(da).sort());
      for (const [lang, dict] of Object.entries({ da, en })) {
        const empty = Object.entries(dict).filter(([, v]) => typeof v !== "string" || v.trim() === "").map(([k]) => k);
        expect(empty, `empty ${lang} strings in ${file}`).toEqual([]);
      }
    }
  });

  it("uses the same {placeholders} in both languages", async () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const file of files) {
      for (const { da, en } of await load(file)) {
        for (const key of Object.keys(da)) {
          expect(placeholders(en[key] ?? ""), `${file}: ${key}`).toEqual(placeholders(da[key]));
        }
      }
    }
  });
});
