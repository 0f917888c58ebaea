// The whole UIP CSV import, step by step: parse (./parse.ts), then match and write in one transaction
// (./match.ts, ./write.ts): nothing is written unless every row is valid. The import page runs it in a
// worker thread (./worker.mjs, DECISIONS 0085), the CLI (scripts/import.ts) and the tests call it directly.
import type { Db, Executor } from "../client";
import { parseUipCsv } from "./parse";
import { importUipRows, type ImportReport, type UipImportResult } from "./write";

export type ImportStage = "checking" | "writing";
/** Where an import is: the stage and how many rows of it are done, of how many. */
export interface ImportProgress {
  stage: ImportStage;
  done: number;
  total: number;
}

export interface RunOptions {
  onProgress?: (p: ImportProgress) => void;
  /** More writes in the import's own transaction (the job row's final state): committed with it or not at all. */
  alsoInTransaction?: (trx: Executor, report: ImportReport) => Promise<void>;
}

/** Parse, validate and import a whole file: nothing is written unless every row is valid. */
export async function runUipImport(db: Db, text: string, actorId: number | null, now: string, opts: RunOptions = {}): Promise<UipImportResult> {
  const parsed = parseUipCsv(text, (done, total) => opts.onProgress?.({ stage: "checking", done, total }));
  if (!parsed.ok) return parsed;
  return importUipRows(db, parsed.rows, actorId, now, {
    onProgress: (done, total) => opts.onProgress?.({ stage: "writing", done, total }),
    alsoInTransaction: opts.alsoInTransaction,
  });
}
