// The SØM command line as a user runs it: JSON on stdin, result JSON on stdout, exit 2 with the field
// named on stderr for bad input, and never a number on stdout when it refuses.
import { spawn } from "node:child_process";
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { calculate } from "~/som/engine";
import { parseSomInput } from "~/som/schema";
import { formatXlsxIssue, parseSomWorkbook, SHEET } from "~/som/xlsx.server";

const exampleText = readFileSync(new URL("./fixtures/som-md-example.json", import.meta.url), "utf8");
const example = JSON.parse(exampleText);

function runCli(stdin: string, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "app/som/cli.ts", ...args], { cwd: process.cwd() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe("som CLI", () => {
  it("writes the workbook with --xlsx and still prints the JSON result", async () => {
    const dir = mkdtempSync(join(tmpdir(), "som-cli-"));
    try {
      const file = join(dir, "out.xlsx");
      const { code, stdout, stderr } = await runCli(exampleText, ["--xlsx", file]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const printed = JSON.parse(stdout);
      expect(printed.summary.net).toBe("-3112000.00");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      expect(wb.getWorksheet(SHEET.input)!.getCell("C7").value).toBe(example.courseLengthYears);
      const summary = wb.getWorksheet(SHEET.summary)!;
      const rows: Record<string, unknown> = {};
      summary.eachRow((row) => (rows[String(row.getCell(1).value)] = row.getCell(2).result));
      expect(rows["Nettoresultat i alt"]).toBe(Number(printed.summary.net));
      // Importing it asks for the checklist the command line could not fill in, naming the cell.
      const back = await parseSomWorkbook(readFileSync(file));
      expect(!back.ok && back.errors.map((e) => formatXlsxIssue(e, "da"))).toContain('Ark "Tjekliste", celle C5: mangler en værdi (checklist.effectSource)');
      const bad = await runCli(exampleText, ["--xlsx"]);
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("prints the engine's result for a valid calculation and exits 0", async () => {
    const { code, stdout, stderr } = await runCli(exampleText);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const parsed = parseSomInput(example);
    if (!parsed.ok) throw new Error("fixture invalid");
    expect(JSON.parse(stdout)).toEqual(calculate(parsed.value));
    expect(JSON.parse(stdout).summary.net).toBe("-3112000.00");
  });

  it("exits 2 and names every bad field on stderr, printing nothing on stdout", async () => {
    const bad = structuredClone(example);
    bad.cohorts[0].citizens = "-40";
    bad.costs[0].amount = 250000;
    const { code, stdout, stderr } = await runCli(JSON.stringify(bad));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("cohorts[0].citizens: must not be negative");
    expect(stderr).toContain("costs[0].amount: must be a decimal number written as a string");
  });

  it("exits 2 for text that is not JSON, and for empty input", async () => {
    const notJson = await runCli("{ horizonYears: 10 ");
    expect(notJson.code).toBe(2);
    expect(notJson.stdout).toBe("");
    expect(notJson.stderr).toMatch(/^\(input\): not valid JSON/);
    const empty = await runCli("");
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("standard input is empty");
  });

  it("calculates an offset without offsetKind and an annual cost past the horizon, as the contract allows", async () => {
    const input = structuredClone(example);
    input.costs[0].amount = "-1000";
    input.costs[2].toYear = 30;
    const { code, stdout, stderr } = await runCli(JSON.stringify(input));
    expect(code).toBe(0);
    expect(stderr).toContain("warning: costs[0].offsetKind:");
    expect(stderr).toContain("warning: costs[2].toYear:");
    expect(JSON.parse(stdout).summary.costs).toBeDefined();
  });

  it("still calculates a negative net success rate, warning on stderr", async () => {
    const worse = structuredClone(example);
    worse.successRate = { intervention: "0.01", comparison: "0.02" };
    const { code, stdout, stderr } = await runCli(JSON.stringify(worse));
    expect(code).toBe(0);
    expect(stderr).toContain("warning: successRate.intervention:");
    expect(JSON.parse(stdout).netSuccessRate).toBe("-0.01");
  });
});
