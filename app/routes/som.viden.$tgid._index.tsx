// One target group of the knowledge database: its consequence estimates and effect studies, and the form
// that starts a SØM calculation from them (prices moved to the chosen price year with the net price index).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getInitiative } from "#db/queries/initiatives";
import { createCalculation } from "#db/queries/som";
import { listInitiativeChoices } from "#db/queries/som-experience";
import { deleteTargetGroup, getTargetGroupWithEntries, listNpi } from "#db/queries/som-knowledge";
import { PHASE_PERIODS } from "#workflows/phase-model";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConflictAlert, ErrorSummary, RadioField, SelectField, TextField } from "~/components/forms";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ExampleNotice, ExampleTag } from "~/components/som-knowledge";
import { draftInputFromKnowledge } from "~/som/from-knowledge";
import { NpiMissingYearError, npiTable } from "~/som/npi";
import { parseSomInput } from "~/som/schema";
import { DeleteSchema, StartCalculationSchema, SCENARIOS } from "~/schemas/som-knowledge";
import { requirePermission, requireUser, type SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { getT } from "~/utils/i18n.server";
import { badRequest, intParam, notFound, nowIso, readForm, withConflictCheck } from "~/utils/http.server";
import { metaT, useLang, useT, useUser } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { formatMeasure, formatPercent } from "~/i18n/format";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? `${data.group.name} · ${metaT(matches)("somk.title")} · SUSI Tracker` : "SUSI Tracker" },
];

async function loadGroup(params: { tgid?: string }) {
  const entries = await getTargetGroupWithEntries(db(), intParam(params.tgid));
  if (!entries) notFound("Target group not found");
  return entries;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const entries = await loadGroup(params);
  const npi = await listNpi(db());
  const initiatives = can(user, "som.edit") ? await listInitiativeChoices(db()) : [];
  return { ...entries, npiYears: npi.map((r) => r.year), npiHasExamples: npi.some((r) => r.is_example), initiatives };
}

type ActionData = { intent: "start" | "delete"; result: SubmissionResult<string[]> } | { conflict: true };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "start") {
    await requirePermission(request, "som.edit");
    return start(request, formData, user, await loadGroup(params));
  }
  if (intent === "delete") {
    await requirePermission(request, "som.knowledge.edit");
    const entries = await loadGroup(params);
    const submission = parseWithZod(formData, { schema: DeleteSchema });
    if (submission.status !== "success") return data<ActionData>({ intent: "delete", result: submission.reply() }, { status: 400 });
    const conflict = await withConflictCheck(() =>
      db().transaction().execute((trx) => deleteTargetGroup(trx, entries.group.id, submission.value.version, user.id, nowIso())),
    );
    if (conflict) return conflict;
    return redirect("/som/viden");
  }
  badRequest('Unknown or missing "intent"');
}

async function start(request: Request, formData: FormData, user: SessionUser, entries: NonNullable<Awaited<ReturnType<typeof getTargetGroupWithEntries>>>) {
  const submission = parseWithZod(formData, { schema: StartCalculationSchema });
  const refuse = (fieldErrors: Record<string, string[]>, formErrors?: string[]) =>
    data<ActionData>({ intent: "start", result: submission.reply({ fieldErrors, formErrors }) }, { status: 400 });
  if (submission.status !== "success") return data<ActionData>({ intent: "start", result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const { group, estimates, studies } = entries;
  const study = studies.find((s) => s.id === v.studyId);
  if (!study) return refuse({ studyId: ["somk.error.study"] });
  if (!(await getInitiative(db(), v.initiativeId))) return refuse({ initiativeId: ["somk.error.initiative"] });
  if (!estimates.length) return refuse({}, ["somk.error.noEstimates"]);

  const npi = npiTable(await listNpi(db()));
  let input;
  try {
    input = draftInputFromKnowledge(
      estimates.map((e) => ({
        label: e.label, consequenceArea: e.consequence_area, kind: e.kind, deltas: e.deltas, unit: e.unit,
        prices: { kommune: e.price_kommune, region: e.price_region, stat: e.price_stat }, priceYear: e.price_year,
      })),
      { rateWith: study.rate_with, rateWithout: study.rate_without },
      npi,
      { priceYear: v.priceYear, citizens: v.citizens, courseLengthYears: v.courseLengthYears },
    );
  } catch (error) {
    if (error instanceof NpiMissingYearError) return refuse({ priceYear: ["somk.error.npiMissing"] });
    throw error;
  }
  const checked = parseSomInput(input);
  if (!checked.ok) return refuse({}, ["somk.error.draftInvalid"]);

  const t = getT(request);
  const examples = group.is_example || study.is_example || estimates.some((e) => e.is_example);
  const checklist = {
    targetGroupMatch: "partly" as const,
    targetGroupNote: t("somk.start.checklistGroup", { name: group.name, band: group.age_band, measure: group.success_measure }),
    effectMeasureMatch: "partly" as const,
    effectMeasureNote: t("somk.start.checklistMeasure"),
    effectSource: t("somk.start.checklistSource", { intervention: study.intervention, level: study.evidence_level, citation: study.citation })
      + (examples ? ` ${t("somk.start.checklistExample")}` : ""),
    priceYear: v.priceYear,
  };
  const { calculationId } = await db().transaction().execute((trx) =>
    createCalculation(trx, {
      initiativeId: v.initiativeId, phase: v.phase, scenario: v.scenario, title: v.title, input: checked.value, checklist, spreads: null,
    }, user.id, nowIso()),
  );
  return redirect(`/initiativer/${v.initiativeId}/som/${calculationId}`);
}

export default function TargetGroupPage() {
  const { group, estimates, studies, npiYears, npiHasExamples, initiatives } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const lang = useLang();
  const user = useUser();
  const canEdit = can(user, "som.knowledge.edit");
  const anyExample = !!group.is_example || estimates.some((e) => e.is_example) || studies.some((s) => s.is_example);
  const last = actionData && "intent" in actionData ? actionData : undefined;
  const [startForm, startFields] = useForm({
    id: "start",
    lastResult: last?.intent === "start" ? last.result : undefined,
    defaultValue: {
      scenario: "expected", priceYear: npiYears.length ? String(npiYears[npiYears.length - 1]) : "",
      courseLengthYears: "1", title: group.name, studyId: studies[0] ? String(studies[0].id) : "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StartCalculationSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const maxYears = Math.max(1, ...estimates.map((e) => e.deltas.length));

  return (
    <>
      <Breadcrumbs items={[{ to: "/som", label: t("nav.som") }, { to: "/som/viden", label: t("somk.title") }, { label: group.name }]} />
      <div className="app-page-head">
        <div>
          <h1>{group.name} {group.is_example ? <ExampleTag /> : null}</h1>
          <p className="app-meta">{t(`somk.area.${group.area}`)} · {t("somk.ageBand.value", { band: group.age_band })}</p>
        </div>
        {canEdit ? (
          <div className="app-actions">
            <Link to={`/som/viden/${group.id}/rediger`} className="button button-secondary">{t("somk.group.edit")}</Link>
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="version" value={group.version} />
              <button type="submit" className="button button-secondary">{t("somk.group.delete")}</button>
            </Form>
          </div>
        ) : null}
      </div>
      {actionData && "conflict" in actionData ? <ConflictAlert /> : null}
      {anyExample ? <ExampleNotice /> : null}
      <dl className="app-dl">
        <dt>{t("somk.group.successMeasure")}</dt>
        <dd>{group.success_measure}</dd>
        {group.description ? (<><dt>{t("somk.group.description")}</dt><dd className="app-prewrap">{group.description}</dd></>) : null}
      </dl>

      <section className="app-section" aria-labelledby="estimates-heading">
        <h2 id="estimates-heading">{t("somk.estimates.title")}</h2>
        <p>{t("somk.estimates.intro")}</p>
        {canEdit ? <p><Link to={`/som/viden/${group.id}/konsekvenser/ny`}>{t("somk.estimate.create")}</Link></p> : null}
        {estimates.length ? (
          <div className="app-table-wrap">
            <table className="table table--compact" data-testid="estimates">
              <caption className="visually-hidden">{t("somk.estimates.caption", { name: group.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("somk.estimate.label")}</th>
                  <th scope="col">{t("somk.estimate.area")}</th>
                  <th scope="col">{t("somk.estimate.unit")}</th>
                  <th scope="col">{t("somk.estimate.deltasShort", { last: maxYears - 1 })}</th>
                  <th scope="col">{t("somk.payer.kommune")}</th>
                  <th scope="col">{t("somk.payer.region")}</th>
                  <th scope="col">{t("somk.payer.stat")}</th>
                  <th scope="col">{t("somk.estimate.priceYearShort")}</th>
                  <th scope="col">{t("somk.estimate.source")}</th>
                </tr>
              </thead>
              <tbody>
                {estimates.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">
                      {canEdit ? <Link to={`/som/viden/${group.id}/konsekvenser/${e.id}`}>{e.label}</Link> : e.label}{" "}
                      <span className="app-meta">({t(`somk.kind.${e.kind}`)})</span> {e.is_example ? <ExampleTag /> : null}
                    </th>
                    <td>{e.consequence_area}</td>
                    <td>{e.unit}</td>
                    <td>{e.deltas.map((d) => formatMeasure(d, lang, 4)).join("; ")}</td>
                    <td>{formatMeasure(e.price_kommune, lang)}</td>
                    <td>{formatMeasure(e.price_region, lang)}</td>
                    <td>{formatMeasure(e.price_stat, lang)}</td>
                    <td>{e.price_year}</td>
                    <td>{e.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <p>{t("somk.estimates.empty")}</p>}
      </section>

      <section className="app-section" aria-labelledby="studies-heading">
        <h2 id="studies-heading">{t("somk.studies.title")}</h2>
        {canEdit ? <p><Link to={`/som/viden/${group.id}/studier/ny`}>{t("somk.study.create")}</Link></p> : null}
        {studies.length ? (
          <div className="app-table-wrap">
            <table className="table table--compact" data-testid="studies">
              <caption className="visually-hidden">{t("somk.studies.caption", { name: group.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("somk.study.intervention")}</th>
                  <th scope="col">{t("somk.study.rateWith")}</th>
                  <th scope="col">{t("somk.study.rateWithout")}</th>
                  <th scope="col">{t("somk.study.evidenceLevel")}</th>
                  <th scope="col">{t("somk.study.citation")}</th>
                </tr>
              </thead>
              <tbody>
                {studies.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      {canEdit ? <Link to={`/som/viden/${group.id}/studier/${s.id}`}>{s.intervention}</Link> : s.intervention}{" "}
                      {s.is_example ? <ExampleTag /> : null}
                    </th>
                    <td>{formatPercent(s.rate_with, lang, 2, { trim: true })}</td>
                    <td>{formatPercent(s.rate_without, lang, 2, { trim: true })}</td>
                    <td>{t(`evidence.${s.evidence_level}`)}</td>
                    <td>{s.citation}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <p>{t("somk.studies.empty")}</p>}
      </section>

      {can(user, "som.edit") ? (
        <section className="app-section" aria-labelledby="start-heading">
          <h2 id="start-heading">{t("somk.start.title")}</h2>
          <p>{t("somk.start.intro")}</p>
          {anyExample || npiHasExamples ? <p><strong>{t("somk.start.exampleWarning")}</strong></p> : null}
          {!estimates.length || !studies.length ? (
            <p>{t("somk.start.needsEntries")}</p>
          ) : (
            <>
              <ErrorSummary form={startForm} />
              <Form method="post" {...getFormProps(startForm)}>
                <input type="hidden" name="intent" value="start" />
                <SelectField
                  meta={startFields.initiativeId} label={t("somk.field.initiative")} placeholder={t("somk.choose")}
                  options={initiatives.map((i) => ({ value: String(i.id), label: `${i.title} (${t(`phase.${i.phase}`)})` }))}
                />
                <SelectField meta={startFields.phase} label={t("somk.field.phase")} placeholder={t("somk.choose")} hint={t("somk.field.phaseHint")}
                  options={PHASE_PERIODS.map((p) => ({ value: p, label: t(`phase.${p}`) }))} />
                <SelectField meta={startFields.scenario} label={t("somk.field.scenario")}
                  options={SCENARIOS.map((s) => ({ value: s, label: t(`somk.scenario.${s}`) }))} />
                <RadioField
                  meta={startFields.studyId} legend={t("somk.start.study")}
                  options={studies.map((s) => ({
                    value: String(s.id),
                    label: `${s.intervention}: ${formatPercent(s.rate_with, lang, 2, { trim: true })} / ${formatPercent(s.rate_without, lang, 2, { trim: true })}`,
                    hint: `${t(`evidence.${s.evidence_level}`)}${s.is_example ? ` · ${t("somk.example.tag")}` : ""}`,
                  }))}
                />
                <SelectField meta={startFields.priceYear} label={t("somk.start.priceYear")} hint={t("somk.start.priceYearHint")}
                  options={npiYears.map((y) => ({ value: String(y), label: String(y) }))} />
                <TextField meta={startFields.citizens} label={t("somk.start.citizens")} hint={t("somk.start.citizensHint")} className="form-input input-width-xs" />
                <TextField meta={startFields.courseLengthYears} label={t("somk.start.courseLength")} className="form-input input-width-xs" />
                <TextField meta={startFields.title} label={t("somk.start.calcTitle")} />
                <button type="submit" className="button button-primary">{t("somk.start.submit")}</button>
              </Form>
            </>
          )}
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
