// Command-line entry to the SØM engine: `npm run -s som -- < calc.json` reads one calculation as JSON
// on standard input and prints the result as JSON on standard output. With `--xlsx out.xlsx` it also
// writes the calculation's workbook (inputs, schedule and result sheets with live formulas).
// Exit codes: 0 result printed (warnings, if any, on stderr); 2 invalid JSON or input, with one
// "field: message" line per problem on stderr and nothing on stdout; 1 an unexpected failure.
import { writeFile } from "node:fs/promises";
import { calculate, SomInputError } from "./engine";
import { parseSomInput } from "./schema";
import { buildSomWorkbook } from "./xlsx.server";

const USAGE = "usage: som [--xlsx out.xlsx] < calc.json";

/** The workbook's path from `--xlsx out.xlsx` or `--xlsx=out.xlsx`; an error text for anything else. */
function parseArgs(args: string[]): { xlsx: string | null } | { error: string } {
  let xlsx: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--xlsx") {
      const next = args[++i];
      if (!next || next.startsWith("--")) return { error: "--xlsx: needs a file name" };
      xlsx = next;
    } else if (arg.startsWith("--xlsx=")) {
      xlsx = arg.slice("--xlsx=".length);
      if (!xlsx) return { error: "--xlsx: needs a file name" };
    } else return { error: `unknown argument ${JSON.stringify(arg)}; ${USAGE}` };
  }
  return { xlsx };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

function fail(code: number, lines: string[]): void {
  process.stderr.write(lines.map((line) => `${line}\n`).join(""));
  process.exitCode = code;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if ("error" in args) return fail(2, [args.error]);
  const text = await readStdin();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // One line per problem: JSON.parse quotes the offending text, newlines included.
    const reason = text.trim() === "" ? "standard input is empty" : (error as Error).message.replace(/\s+/g, " ");
    return fail(2, [`(input): not valid JSON: ${reason}`]);
  }

  const parsed = parseSomInput(json);
  if (!parsed.ok) return fail(2, parsed.errors.map((e) => `${e.path}: ${e.message}`));
  for (const warning of parsed.warnings) process.stderr.write(`warning: ${warning.path}: ${warning.message}\n`);

  let output: string;
  try {
    output = `${JSON.stringify(calculate(parsed.value), null, 2)}\n`;
  } catch (error) {
    if (error instanceof SomInputError) return fail(2, [error.message]);
    throw error;
  }
  if (args.xlsx) {
    const bytes = await buildSomWorkbook({
      title: "SØM-beregning",
      scenario: "expected",
      phase: "trial",
      input: parsed.value,
      // The command line has no checklist: the workbook's is left blank for the user to fill in.
      checklist: null,
      spreads: null,
    });
    try {
      await writeFile(args.xlsx, bytes);
    } catch (error) {
      return fail(1, [`--xlsx: cannot write ${args.xlsx}: ${(error as Error).message}`]);
    }
  }
  process.stdout.write(output);
}

main().catch((error: unknown) => {
  fail(1, [`som: unexpected error: ${error instanceof Error ? error.message : String(error)}`]);
});
