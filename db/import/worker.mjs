// The CSV import's worker thread (DECISIONS 0085): runs imports off the server's event loop, one at a time,
// each on its own database connection. Plain JavaScript so that the built server, the dev server and the
// tests can all start it; tsx loads the TypeScript steps (./job.ts), as it does for the CLI scripts.
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { runImportJob } = await tsImport("./job.ts", import.meta.url);
parentPort.on("message", (job) => {
  runImportJob(job, (message) => parentPort.postMessage({ jobId: job.jobId, ...message })).catch((error) =>
    parentPort.postMessage({ jobId: job.jobId, type: "crashed", message: String(error?.stack ?? error) }));
});
parentPort.postMessage({ type: "ready" });
