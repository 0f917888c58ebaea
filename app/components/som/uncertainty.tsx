// The uncertainty analysis: 10,000 seeded Monte Carlo draws over the stated spreads, run in a Web Worker
// (app/som/worker.ts) so the page stays responsive, with a <progress> bar, the chance that the net result
// is positive, the 5th/50th/95th percentiles and a histogram.
import { useEffect, useRef, useState } from "react";
import type { SomInput } from "~/som/engine";
import { SIMULATION_DRAWS, SIMULATION_SEED, type SimulationResult, type SomSpreads } from "~/som/montecarlo";
import type { WorkerRequest, WorkerResponse } from "~/som/worker";
import { useLang, useT } from "~/utils/i18n";
import { Histogram } from "./charts";
import { formatDecimal, formatKroner, formatPercent } from "~/i18n/format";

/** Fixed, so the same calculation and spreads always give the same figures (and anyone can check them). */
export { SIMULATION_DRAWS, SIMULATION_SEED } from "~/som/montecarlo";

type State =
  | { status: "idle" }
  | { status: "running"; done: number; total: number }
  | { status: "done"; result: SimulationResult; key: string }
  | { status: "error"; message: string };

export function UncertaintyPanel({ input, spreads }: { input: SomInput | null; spreads: SomSpreads | null }) {
  const t = useT();
  const lang = useLang();
  const worker = useRef<Worker | null>(null);
  const runId = useRef(0);
  const [state, setState] = useState<State>({ status: "idle" });
  const resultRef = useRef<HTMLDivElement>(null);
  const effectiveSpreads: SomSpreads = spreads ?? { successRate: "0", consequenceDeltas: "0", prices: "0", costs: "0" };
  const key = JSON.stringify([input, effectiveSpreads]);
  const noSpread = Object.values(effectiveSpreads).every((v) => Number(v) === 0);

  useEffect(() => () => worker.current?.terminate(), []);

  function start() {
    if (!input) return;
    if (!worker.current) {
      worker.current = new Worker(new URL("../../som/worker.ts", import.meta.url), { type: "module" });
    }
    const id = ++runId.current;
    const w = worker.current;
    w.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const m = event.data;
      if (m.runId !== runId.current) return;
      if (m.type === "progress") setState({ status: "running", done: m.done, total: m.total });
      else if (m.type === "result") {
        setState({ status: "done", result: m.result, key });
        // Move focus to the result so keyboard and screen-reader users land on it.
        requestAnimationFrame(() => resultRef.current?.focus());
      } else setState({ status: "error", message: m.message });
    };
    w.onerror = () => setState({ status: "error", message: t("som.mc.workerFailed") });
    setState({ status: "running", done: 0, total: SIMULATION_DRAWS });
    const request: WorkerRequest = { type: "run", runId: id, input, spreads: effectiveSpreads, seed: SIMULATION_SEED, draws: SIMULATION_DRAWS };
    w.postMessage(request);
  }

  function cancel() {
    const request: WorkerRequest = { type: "cancel", runId: runId.current };
    worker.current?.postMessage(request);
    runId.current++;
    setState({ status: "idle" });
  }

  const stale = state.status === "done" && state.key !== key;
  return (
    <section className="app-section" aria-labelledby="som-usikkerhed">
      <h2 id="som-usikkerhed">{t("som.mc.title")}</h2>
      <p>{t("som.mc.intro", { draws: formatDecimal(SIMULATION_DRAWS, lang) })}</p>
      {noSpread ? <p className="app-meta">{t("som.mc.noSpread")}</p> : null}
      <noscript><p>{t("som.mc.noscript")}</p></noscript>
      <div className="app-actions">
        <button type="button" className="button button-secondary" onClick={start} disabled={!input || state.status === "running"}>
          {state.status === "done" ? t("som.mc.rerun") : t("som.mc.run", { draws: formatDecimal(SIMULATION_DRAWS, lang) })}
        </button>
        {state.status === "running" ? (
          <button type="button" className="button button-tertiary" onClick={cancel}>{t("som.mc.cancel")}</button>
        ) : null}
        {!input ? <span className="app-meta">{t("som.mc.needsValid")}</span> : null}
      </div>
      {state.status === "running" ? (
        <p>
          <label htmlFor="som-mc-progress">{t("som.mc.progress", { done: formatDecimal(state.done, lang), total: formatDecimal(state.total, lang) })}</label>
          <br />
          <progress id="som-mc-progress" max={state.total} value={state.done} className="som-progress">
            {Math.round((state.done / state.total) * 100)} %
          </progress>
        </p>
      ) : null}
      {state.status === "error" ? (
        <div className="alert alert-error" role="alert"><div className="alert-body"><p className="alert-text">{t("som.mc.error", { message: state.message })}</p></div></div>
      ) : null}
      {state.status === "done" ? (
        <div ref={resultRef} tabIndex={-1} className="som-mc-result" data-testid="som-mc-result">
          {stale ? <p className="alert alert-warning"><span className="alert-text">{t("som.mc.stale")}</span></p> : null}
          <p className="som-mc-headline" role="status">
            {t("som.mc.probability", { p: formatPercent(state.result.probabilityPositive, lang, 1) })}
          </p>
          <dl className="app-dl">
            <dt>{t("som.mc.p5")}</dt><dd data-testid="som-mc-p5">{formatKroner(state.result.p5, lang)}</dd>
            <dt>{t("som.mc.p50")}</dt><dd data-testid="som-mc-p50">{formatKroner(state.result.p50, lang)}</dd>
            <dt>{t("som.mc.p95")}</dt><dd data-testid="som-mc-p95">{formatKroner(state.result.p95, lang)}</dd>
            <dt>{t("som.mc.pointEstimate")}</dt><dd>{formatKroner(state.result.presentValueNetPointEstimate, lang)}</dd>
            <dt>{t("som.mc.mean")}</dt><dd>{formatKroner(state.result.mean, lang)}</dd>
          </dl>
          <Histogram bins={state.result.histogram} p5={state.result.p5} p50={state.result.p50} p95={state.result.p95} draws={state.result.draws} />
          <p className="app-meta">
            {t("som.mc.method", { draws: formatDecimal(state.result.draws, lang), seed: String(state.result.seed) })}
          </p>
        </div>
      ) : null}
    </section>
  );
}

/**
 * The Monte Carlo result stored with a saved version (computed on the server when it was saved): what a
 * decision frozen on the version was taken on. `null` says plainly that none was stored.
 */
export function StoredUncertainty({ stored }: { stored: { result: SimulationResult; computedAt: string } | null }) {
  const t = useT();
  const lang = useLang();
  return (
    <section className="app-section" aria-labelledby="som-usikkerhed-gemt" data-testid="som-stored-uncertainty">
      <h2 id="som-usikkerhed-gemt">{t("som.mcStored.title")}</h2>
      {stored ? (
        <>
          <p>{t("som.mcStored.intro")}</p>
          <p className="som-mc-headline">{t("som.mc.probability", { p: formatPercent(stored.result.probabilityPositive, lang, 1) })}</p>
          <dl className="app-dl">
            <dt>{t("som.mc.p5")}</dt><dd data-testid="som-stored-p5">{formatKroner(stored.result.p5, lang)}</dd>
            <dt>{t("som.mc.p50")}</dt><dd data-testid="som-stored-p50">{formatKroner(stored.result.p50, lang)}</dd>
            <dt>{t("som.mc.p95")}</dt><dd data-testid="som-stored-p95">{formatKroner(stored.result.p95, lang)}</dd>
            <dt>{t("som.mc.pointEstimate")}</dt><dd>{formatKroner(stored.result.presentValueNetPointEstimate, lang)}</dd>
            <dt>{t("som.mc.mean")}</dt><dd>{formatKroner(stored.result.mean, lang)}</dd>
          </dl>
          <Histogram bins={stored.result.histogram} p5={stored.result.p5} p50={stored.result.p50} p95={stored.result.p95} draws={stored.result.draws} />
          <p className="app-meta">
            {t("som.mc.method", { draws: formatDecimal(stored.result.draws, lang), seed: String(stored.result.seed) })}
          </p>
        </>
      ) : (
        <p>{t("som.mcStored.none")}</p>
      )}
    </section>
  );
}
