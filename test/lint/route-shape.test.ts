// The shape every route keeps (issue 15, DECISIONS 0047): a route module (a flat route file, or a folder
// route's route.tsx) is glue of at most 200 lines whose loader and action are about fifteen lines (parse,
// authorise, call one step, answer); the steps live in the folder's *.server.ts, the page in its ui.tsx.
// And no SQL is written outside db/. Read from the source with the TypeScript parser, not by running it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = process.cwd();
const MAX_MODULE_LINES = 200;
/** Lines of an exported loader or action, signature and closing brace included. */
const MAX_HANDLER_LINES = 17;

/**
 * Route modules still being reshaped by the work streams that own these pages this session (issue 15). A
 * module leaves this list when it is reshaped (the test fails while a listed one already fits, so the list
 * only shrinks); it must be empty before issue 15 is done.
 */
const PENDING = new Set<string>([]);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const rel = (p: string) => relative(ROOT, p).split("\\").join("/");

/** Flat route files and folder routes' route.tsx: what Remix loads as a route module. */
function routeModules(): string[] {
  return walk(join(ROOT, "app", "routes"))
    .map(rel)
    .filter((f) => /\.(tsx?|jsx?)$/.test(f))
    .filter((f) => f.split("/").length === 3 || /\/route\.(tsx?|jsx?)$/.test(f));
}

function handlerLengths(file: string): { name: string; lines: number }[] {
  const src = ts.createSourceFile(file, readFileSync(join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, true);
  const span = (n: ts.Node) => src.getLineAndCharacterOfPosition(n.getEnd()).line - src.getLineAndCharacterOfPosition(n.getStart()).line + 1;
  const found: { name: string; lines: number }[] = [];
  for (const st of src.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && (st.name.text === "loader" || st.name.text === "action")) {
      found.push({ name: st.name.text, lines: span(st) });
    }
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && (d.name.text === "loader" || d.name.text === "action")) found.push({ name: d.name.text, lines: span(d) });
      }
    }
  }
  return found;
}

describe("route modules are glue", () => {
  it(`no route module is longer than ${MAX_MODULE_LINES} lines (pages go to a folder route's ui.tsx)`, () => {
    const long = routeModules()
      .map((f) => ({ f, lines: readFileSync(join(ROOT, f), "utf8").split("\n").length }))
      .filter((x) => x.lines > MAX_MODULE_LINES && !PENDING.has(x.f))
      .map((x) => `${x.f}: ${x.lines} lines`);
    expect(long).toEqual([]);
  });

  it(`no loader or action is longer than ${MAX_HANDLER_LINES} lines (steps go to the folder's *.server.ts)`, () => {
    const long = routeModules().filter((f) => !PENDING.has(f)).flatMap((f) =>
      handlerLengths(f).filter((h) => h.lines > MAX_HANDLER_LINES).map((h) => `${f}: ${h.name} ${h.lines} lines`));
    expect(long).toEqual([]);
  });

  it("lists as pending only modules that still need reshaping", () => {
    const modules = new Set(routeModules());
    const fits = [...PENDING].filter((f) => !modules.has(f) || (
      readFileSync(join(ROOT, f), "utf8").split("\n").length <= MAX_MODULE_LINES && handlerLengths(f).every((h) => h.lines <= MAX_HANDLER_LINES)));
    expect(fits).toEqual([]);
  });

  it("finds the handlers it measures (the parser reads both declaration forms)", () => {
    const all = routeModules().flatMap((f) => handlerLengths(f).map((h) => `${f}#${h.name}`));
    expect(all).toContain("app/routes/viden.abonnement._index/route.tsx#action");
    expect(all).toContain("app/routes/viden.$slugOrId/route.tsx#loader");
    expect(all.length).toBeGreaterThan(40);
  });
});

describe("SQL lives in db/", () => {
  it("no query builder call or sql template outside db/ and the tests", () => {
    const SQL = /\b(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql`|\bsql<[^>]*>`/;
    const offenders = ["app", "workflows", "scripts"].flatMap((d) => walk(join(ROOT, d)))
      .map(rel)
      .filter((f) => /\.(tsx?|jsx?)$/.test(f))
      .filter((f) => SQL.test(readFileSync(join(ROOT, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
