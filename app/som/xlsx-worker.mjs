// The workbook reader's worker thread (DECISIONS 0105): exceljs unzips and parses an uploaded workbook here,
// off the server's event loop (a 1 MB upload is seconds of work). Plain JavaScript so that the built server,
// the dev server and the tests can all start it; tsx loads the TypeScript reader, as for the CSV import's
// worker (db/import/worker.mjs).
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { parseSomWorkbook } = await tsImport("./xlsx-reader.server.ts", import.meta.url);
parentPort.on("message", ({ id, bytes }) => {
  parseSomWorkbook(bytes).then(
    (result) => parentPort.postMessage({ id, result }),
    (error) => parentPort.postMessage({ id, crashed: String(error?.stack ?? error) }),
  );
});
parentPort.postMessage({ type: "ready" });
