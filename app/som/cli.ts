// Command-line entry to the SØM engine: `npm run -s som -- < calc.json` reads one calculation as JSON
// on standard input and prints the result as JSON on standard output.
// Exit codes: 0 result printed (warnings, if any, on stderr); 2 invalid JSON or input, with one
// "field: message" line per problem on stderr and nothing on stdout; 1 an unexpected failure.
import { calculate, SomInputError } from "./engine";
import { parseSomInput } from "./schema";

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

  try {
    process.stdout.write(`${JSON.stringify(calculate(parsed.value), null, 2)}\n`);
  } catch (error) {
    if (error instanceof SomInputError) return fail(2, [error.message]);
    throw error;
  }
}

main().catch((error: unknown) => {
  fail(1, [`som: unexpected error: ${error instanceof Error ? error.message : String(error)}`]);
});
