// A recorded decision as a document: outcome, phase change, meeting and members present, rationale, conditions,
// dissents, and the dossier frozen with it. Printable (A4, app/styles/app.css @media print); a member present
// at the meeting may add a dissent.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/badges";
import { DossierView } from "~/components/dossier";
import { ErrorSummary, TextareaField } from "~/components/forms";
import { formatDate, formatDateTime } from "~/i18n";
import { dissentSchema } from "~/schemas/meeting";
import { useLang, useT, useUser } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import type { action, loader } from "./route";

export function DecisionRecordPage() {
  const { initiative, decision: d, members, dissents, conditions, frozenVersions, dossier, canDissent } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const user = useUser();
  return (
    <article className="app-document" aria-labelledby="decision-heading">
      <p className="app-noprint"><Link to={`/initiativer/${initiative.id}#beslutninger`}>{t("decisionRecord.back")}</Link></p>
      <h1 id="decision-heading">{t("decisionRecord.title", { outcome: t(`outcome.${d.outcome}`), title: initiative.title })}</h1>
      <p className="app-noprint"><button type="button" className="button button-secondary" onClick={() => window.print()}>{t("decisionRecord.print")}</button></p>
      <dl className="app-dl">
        <dt>{t("decisionRecord.date")}</dt><dd>{formatDate(d.decided_at, lang)}</dd>
        <dt>{t("decision.list.phase")}</dt>
        <dd>{d.to_phase ? t("decision.list.phaseChange", { from: t(`phase.${d.from_phase}`), to: t(`phase.${d.to_phase}`) }) : t("decision.list.phaseStays", { phase: t(`phase.${d.resulting_phase}`) })}</dd>
        <dt>{t("decision.list.status")}</dt><dd><StatusBadge status={d.resulting_status} /></dd>
        <dt>{t("decisionRecord.meeting")}</dt>
        <dd>
          {d.meeting_id ? (
            // Members work on the meeting itself; everyone else reads its minutes (meeting.read).
            <Link to={can(user, "meeting.manage") ? `/styregruppe/moeder/${d.meeting_id}` : `/styregruppe/moeder/${d.meeting_id}/referat`}>{d.meeting_title || t("meeting.untitled", { date: formatDate(d.meeting_date, lang) })}</Link>
          ) : t("decisionRecord.noMeeting")}
        </dd>
        <dt>{t("decision.list.decidedBy")}</dt><dd>{d.decided_by_name ?? "–"}</dd>
        {members.length ? (
          <>
            <dt>{t("decisionRecord.members")}</dt>
            <dd data-testid="members-present">
              {members.map((m) => (m.is_chair ? t("decisionRecord.chair", { name: m.name }) : m.name)).join(", ")}
            </dd>
          </>
        ) : null}
        <dt>{t("decision.list.rationale")}</dt><dd style={{ whiteSpace: "pre-wrap" }}>{d.rationale}</dd>
      </dl>
      {conditions.length ? (
        <>
          <h2>{t("decision.list.conditions")}</h2>
          <ul>{conditions.map((c) => <li key={c.id}>{c.text} <span className="app-meta">({t("dossier.conditions.meta", { owner: c.owner, due: formatDate(c.due_date, lang) })})</span></li>)}</ul>
        </>
      ) : null}
      <section aria-labelledby="dissens">
        <h2 id="dissens">{t("decisionRecord.dissents")}</h2>
        {dissents.length === 0 ? <p>{t("decisionRecord.noDissent")}</p> : (
          <ul data-testid="dissents">
            {dissents.map((x) => <li key={x.id}><strong>{x.name}</strong>: {x.reason} <span className="app-meta">({formatDateTime(x.created_at, lang)})</span></li>)}
          </ul>
        )}
        {canDissent ? <DissentForm /> : null}
      </section>
      <section aria-labelledby="grundlag">
        <h2 id="grundlag">{t("dossier.title")}</h2>
        {dossier ? <DossierView dossier={dossier} frozenAt={d.decided_at} /> : <p>{t("decisionRecord.noDossier")}</p>}
        {frozenVersions.length ? (
          <p className="app-noprint">
            {t("decisionRecord.frozenVersions")}{" "}
            {frozenVersions.map((v, i) => (
              <span key={v.version_id}>
                {i ? ", " : ""}<Link to={`/initiativer/${v.initiative_id}/som/${v.calculation_id}/v/${v.version_id}`}>{v.title} ({t("som.versionN", { n: v.number })})</Link>
              </span>
            ))}
          </p>
        ) : null}
      </section>
    </article>
  );
}

function DissentForm() {
  const t = useT();
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "dissent",
    lastResult: answer && "result" in answer ? answer.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: dissentSchema }),
    shouldValidate: "onSubmit",
  });
  const refusals = answer && "refusals" in answer ? (answer.refusals as string[]) : [];
  return (
    <div className="app-card app-noprint">
      <h3>{t("decisionRecord.dissentForm")}</h3>
      {refusals.length ? <div className="alert alert-error" role="alert"><div className="alert-body"><ul className="alert-text">{refusals.map((m) => <li key={m}>{m}</li>)}</ul></div></div> : null}
      <ErrorSummary form={form} fields={[fields.reason]} />
      <Form method="post" {...getFormProps(form)}>
        <TextareaField meta={fields.reason} label={t("decisionRecord.dissentReason")} hint={t("decisionRecord.dissentHint")} rows={3} />
        <button type="submit" className="button button-secondary">{t("decisionRecord.dissentSubmit")}</button>
      </Form>
    </div>
  );
}
