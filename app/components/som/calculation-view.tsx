// One saved version shown read-only (steering groups, knowledge staff, a frozen version): key figures,
// charts and tables, the input it was calculated from, its checklist and spreads, and the uncertainty
// analysis, which anyone may run since it writes nothing.
import { useMemo } from "react";
import type { SomChecklist } from "#db/queries/som";
import { calculate, type SomInput } from "~/som/engine";
import type { SomSpreads } from "~/som/montecarlo";
import { useT } from "~/utils/i18n";
import { ChecklistView, InputSummary, KeyFigures, ResultDetails, SpreadsView } from "./results";
import { UncertaintyPanel } from "./uncertainty";

export function CalculationView({
  input, checklist, spreads,
}: { input: SomInput; checklist: SomChecklist; spreads: SomSpreads | null }) {
  const t = useT();
  const result = useMemo(() => calculate(input), [input]);
  return (
    <>
      <section className="app-section" aria-labelledby="som-resultat">
        <h2 id="som-resultat">{t("som.result.title")}</h2>
        <KeyFigures input={input} result={result} />
        <ResultDetails input={input} result={result} />
      </section>
      <section className="app-section" aria-labelledby="som-input">
        <h2 id="som-input">{t("som.view.input")}</h2>
        <InputSummary input={input} />
      </section>
      <section className="app-section" aria-labelledby="som-tjekliste">
        <h2 id="som-tjekliste">{t("som.section.checklist")}</h2>
        <ChecklistView checklist={checklist} />
      </section>
      <section className="app-section" aria-labelledby="som-spredning">
        <h2 id="som-spredning">{t("som.section.spreads")}</h2>
        <SpreadsView spreads={spreads} />
      </section>
      <UncertaintyPanel input={input} spreads={spreads} />
    </>
  );
}

/** Shown instead of figures when a stored version no longer passes the schema (it never should). */
export function InvalidStoredCalculation({ errors }: { errors: { path: string; message: string }[] }) {
  const t = useT();
  return (
    <div className="alert alert-warning app-section" role="status">
      <div className="alert-body">
        <p className="alert-heading">{t("som.view.invalid")}</p>
        <ul className="alert-text">{errors.map((e) => <li key={e.path}><code>{e.path}</code>: {e.message}</li>)}</ul>
      </div>
    </div>
  );
}
