// Web Worker for the SØM Monte Carlo: runs createSimulation in chunks, posting progress between them, so
// 10,000 draws never block the page and a newer run (or "cancel") stops an older one between chunks.
/// <reference lib="webworker" />
import { createSimulation, type SimulationResult, type SomSpreads } from "./montecarlo";
import type { SomInput } from "./engine";

export type WorkerRequest =
  | { type: "run"; runId: number; input: SomInput; spreads: SomSpreads; seed: number; draws: number; chunk?: number }
  | { type: "cancel"; runId: number };

export type WorkerResponse =
  | { type: "progress"; runId: number; done: number; total: number }
  | { type: "result"; runId: number; result: SimulationResult }
  | { type: "error"; runId: number; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let current = 0;

function post(message: WorkerResponse) {
  scope.postMessage(message);
}

async function run(request: Extract<WorkerRequest, { type: "run" }>) {
  current = request.runId;
  try {
    const simulation = createSimulation(request.input, request.spreads, { seed: request.seed, draws: request.draws });
    const chunk = Math.max(1, request.chunk ?? 500);
    while (simulation.done < simulation.total) {
      simulation.step(chunk);
      post({ type: "progress", runId: request.runId, done: simulation.done, total: simulation.total });
      // Yield so a "cancel" or a newer "run" can arrive between chunks.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (current !== request.runId) return;
    }
    post({ type: "result", runId: request.runId, result: simulation.result() });
  } catch (error) {
    post({ type: "error", runId: request.runId, message: error instanceof Error ? error.message : String(error) });
  }
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === "cancel") {
    if (current === request.runId) current = 0;
    return;
  }
  void run(request);
};
