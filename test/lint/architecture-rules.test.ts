// The lint rules that hold the layering fail on a deliberate violation (and only on the violating lines).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const fixture = (name: string) => readFileSync(join(process.cwd(), "test", "lint", "fixtures", name), "utf8");

async function lint(code: string, filePath: string) {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath: join(process.cwd(), filePath) });
  return result.messages.map((m) => ({ line: m.line, rule: m.ruleId, message: m.message }));
}

describe("architecture lint rules", () => {
  it("forbids db/ importing app/, except SØM types", async () => {
    const messages = await lint(fixture("db-imports-app.ts.txt"), "db/queries/lint-fixture.ts");
    const restricted = messages.filter((m) => m.rule === "@typescript-eslint/no-restricted-imports");
    // Line 2: app code at run time; line 3: the SØM engine at run time. Lines 4 and 5 are type-only SØM imports.
    expect(restricted.map((m) => m.line)).toEqual([2, 3]);
    expect(restricted[0].message).toContain("db/ does not import app/");
    expect(restricted[1].message).toContain("types only");
  }, 60_000);

  it("forbids a route module exporting what Remix does not read", async () => {
    const messages = await lint(fixture("route-extra-export.tsx.txt"), "app/routes/lint-fixture.tsx");
    const extra = messages.filter((m) => m.rule === "susi/route-exports");
    expect(extra.map((m) => m.line)).toEqual([5, 8]);
    expect(extra[0].message).toContain("'refusalMessage'");
  }, 60_000);

  it("leaves a folder route's ui.tsx and steps free to export", async () => {
    const messages = await lint(fixture("route-extra-export.tsx.txt"), "app/routes/lint-fixture/ui.tsx");
    expect(messages.filter((m) => m.rule === "susi/route-exports")).toEqual([]);
  }, 60_000);
});
