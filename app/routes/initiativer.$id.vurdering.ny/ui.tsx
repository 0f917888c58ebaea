// The start-assessment page: the phases ahead to choose from, the refusal when none can be started, open drafts.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { gatesBetween, nextPhase, PHASES, type Phase, type PhasePeriod } from "#workflows/phase-model";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ConflictAlert, ErrorSummary, RadioField } from "~/components/forms";
import { StartAssessmentSchema } from "~/schemas/assessment";
import { useLang, useT } from "~/utils/i18n";
import type { Lang, Translate } from "~/i18n";
import type { action, loader } from "./route";
import type { StartRefusal } from "./start.server";

/** Phases passed over on the way to `to`, counted from the natural next phase. */
function skippedPhases(from: PhasePeriod, to: Phase): Phase[] {
  const next = nextPhase(from);
  if (!next) return [];
  return PHASES.filter((p) => PHASES.indexOf(p) >= PHASES.indexOf(next) && PHASES.indexOf(p) < PHASES.indexOf(to));
}

function targetOption(t: Translate, lang: Lang, from: PhasePeriod, to: Phase, next: Phase | null, hasDraft: boolean) {
  const skipped = skippedPhases(from, to);
  const phase = t(`phase.${to}`);
  const label = to === next
    ? t("assessment.start.next", { phase })
    : skipped.length
      ? t("assessment.start.skips", { phase, skipped: new Intl.ListFormat(lang, { type: "conjunction" }).format(skipped.map((p) => t(`phase.${p}`))) })
      : phase;
  const gates = gatesBetween(from, to);
  const criteria = t("assessment.start.criteria", {
    count: gates.reduce((n, g) => n + g.criteria.length, 0),
    gates: gates.map((g) => t("assessment.gate", { from: t(`phase.${g.from}`), to: t(`phase.${g.to}`) })).join(", "),
  });
  return { value: to, label, hint: hasDraft ? `${criteria} ${t("assessment.start.draftExists")}` : criteria };
}

export function StartAssessmentPage() {
  const { initiative, refusal, targets, next, drafts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const [form, fields] = useForm({
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    defaultValue: { toPhase: next ?? undefined },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StartAssessmentSchema }),
    shouldValidate: "onSubmit",
  });
  const shownRefusal = refusal ?? (actionData && "refusal" in actionData ? actionData.refusal : null);
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Breadcrumbs items={[{ to: "/initiativer", label: t("list.title") }, { to: `/initiativer/${initiative.id}`, label: initiative.title }, { label: t("assessment.start.title") }]} />
        <h1>{t("assessment.start.title")}</h1>
        <p>{t("assessment.start.intro")}</p>
        <dl className="app-dl">
          <dt>{t("assessment.initiative")}</dt><dd>{initiative.title}</dd>
          <dt>{t("assessment.start.currentPhase")}</dt><dd>{t(`phase.${initiative.phase}`)}</dd>
        </dl>
        {actionData && "conflict" in actionData ? <ConflictAlert /> : null}
        {shownRefusal ? (
          <div className="alert alert-warning" role={refusal ? undefined : "alert"}>
            <div className="alert-body"><p className="alert-text">{refusalText(t, shownRefusal)}</p></div>
          </div>
        ) : (
          <>
            <ErrorSummary form={form} fields={[[fields.toPhase, t("assessment.start.target")]]} />
            <Form method="post" {...getFormProps(form)}>
              <RadioField
                meta={fields.toPhase}
                legend={t("assessment.start.target")}
                hint={t("assessment.start.targetHint")}
                options={targets.map((to) => targetOption(t, lang, initiative.phase, to, next, drafts.some((d) => d.toPhase === to)))}
              />
              <button type="submit" className="button button-primary">{t("assessment.start.submit")}</button>
            </Form>
          </>
        )}
        {drafts.length ? (
          <section className="app-section" aria-labelledby="open-drafts">
            <h2 id="open-drafts">{t("assessment.start.openDrafts")}</h2>
            <ul>
              {drafts.map((d) => (
                <li key={d.id}>
                  <Link to={`/initiativer/${initiative.id}/vurdering/${d.id}`}>
                    {t("assessment.spanValue", { from: t(`phase.${initiative.phase}`), to: t(`phase.${d.toPhase}`) })}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </div>
  );
}

function refusalText(t: Translate, refusal: StartRefusal): string {
  if (refusal.code === "closed") return t("assessment.refused.closed", { status: t(`status.${refusal.status}`) });
  if (refusal.code === "no_gate") {
    return t("assessment.refused.no_gate", { from: t(`phase.${refusal.fromPhase}`), to: t(`phase.${refusal.toPhase}`) });
  }
  return t(`assessment.refused.${refusal.code}`);
}
