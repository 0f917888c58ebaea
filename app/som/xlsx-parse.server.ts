// Reads an uploaded SØM workbook in a worker thread (./xlsx-worker.mjs, DECISIONS 0105), so the server goes
// on answering others while exceljs unzips and parses it: a workbook near the 1 MB cap is seconds of work,
// most of it without a turn of the event loop. One worker per server process, started on first use and
// kept; it reads the workbooks it is sent side by side. Its heap is capped and a read has a time limit: a
// workbook that exhausts either (a zip bomb) stops the worker, and that workbook is refused as unreadable;
// the next upload starts a fresh worker. The command line (scripts/som.ts) reads in its own process.
import { Worker } from "node:worker_threads";
import { join } from "node:path";
import type { SomWorkbookParse } from "./xlsx-reader.server";

/** How long one read may take before the worker is stopped and the workbook refused. */
export const WORKBOOK_READ_LIMIT_MS = 60_000;
const HEAP_LIMIT_MB = 512;

const UNREADABLE: SomWorkbookParse = { ok: false, errors: [{ code: "not_a_workbook" }] };

interface Pending {
  settle: (result: SomWorkbookParse) => void;
  timer: ReturnType<typeof setTimeout>;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function settle(id: number, result: SomWorkbookParse) {
  const p = pending.get(id);
  if (!p) return;
  pending.delete(id);
  clearTimeout(p.timer);
  p.settle(result);
}

function theWorker(): Worker {
  if (worker) return worker;
  // A plain .mjs beside the reader; the built server and the tests both run from the project root.
  const w = new Worker(join(process.cwd(), "app", "som", "xlsx-worker.mjs"), { resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB } });
  w.unref();
  w.on("message", (m: { type?: "ready"; id?: number; result?: SomWorkbookParse; crashed?: string }) => {
    if (m.id === undefined) return;
    if (m.crashed) console.error(`Reading a workbook failed: ${m.crashed}`);
    settle(m.id, m.result ?? UNREADABLE);
  });
  const gone = (error?: unknown) => {
    if (error) console.error("The workbook reader stopped:", error);
    if (worker === w) worker = null;
    for (const id of [...pending.keys()]) settle(id, UNREADABLE);
  };
  w.on("error", gone);
  w.on("exit", (code) => gone(code === 0 ? undefined : `exit code ${code}`));
  worker = w;
  return w;
}

/** Whether this process is reading a workbook right now (for the tests). */
export function workbookBeingRead(): boolean {
  return pending.size > 0;
}

/** The workbook read as parseSomWorkbook reads it, in the worker thread. */
export function readWorkbookOffThread(bytes: Uint8Array): Promise<SomWorkbookParse> {
  const id = nextId++;
  const w = theWorker();
  return new Promise<SomWorkbookParse>((resolve) => {
    const timer = setTimeout(() => {
      console.error(`Reading a workbook took more than ${WORKBOOK_READ_LIMIT_MS} ms; the reader is restarted`);
      settle(id, UNREADABLE);
      void w.terminate();
    }, WORKBOOK_READ_LIMIT_MS);
    timer.unref();
    pending.set(id, { settle: resolve, timer });
    const copy = bytes.slice();
    w.postMessage({ id, bytes: copy }, [copy.buffer]);
  });
}
