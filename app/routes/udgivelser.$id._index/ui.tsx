// The release page's markup: status and facts, the forms for the transitions the status allows, the preview,
// editions and history. Every form posts to this route with its own `intent`; an answer is shown on the
// form it belongs to.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EDITION_KINDS } from "#workflows/release";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ConfirmStep } from "~/components/confirm-step";
import { ConflictAlert, domId, ErrorSummary, RadioField, TextareaField } from "~/components/forms";
import { HistoryTable } from "~/components/history-table";
import { NotReviewedNotice, ReleaseArticle } from "~/components/release-view";
import { formatDate, formatDateTime } from "~/i18n";
import { ReleaseActionSchema, type ReleaseIntent } from "~/schemas/release";
import { useLang, useT } from "~/utils/i18n";
import type { action, loader } from "./route";

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** One transition's form: hidden intent and version, optional fields, a button, and its own errors. */
function ActionForm({
  intent, version, label, primary = false, children, fields: wanted = [],
}: { intent: ReleaseIntent; version: number; label: string; primary?: boolean; children?: (fields: any) => React.ReactNode; fields?: string[] }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const mine = actionData && actionData.intent === intent ? actionData : undefined;
  const { release } = useLoaderData<typeof loader>();
  const [form, fields] = useForm({
    id: `release-${intent}`,
    lastResult: mine && !mine.conflict ? mine.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReleaseActionSchema }),
    shouldValidate: "onSubmit",
  });
  if (mine?.confirm) {
    const withdrawing = intent === "withdraw";
    const kind = withdrawing ? "withdraw" : intent === "schedule" ? "schedule" : "publish";
    return (
      <ConfirmStep
        fields={mine.confirm}
        heading={t(`releases.confirm.${kind}.heading`, { title: release.title || t("releases.untitled") })}
        text={[t(`releases.confirm.${withdrawing ? "withdraw" : intent === "force" ? "force" : kind}.text`)]}
        confirmLabel={t(`releases.confirm.${kind}.yes`)}
        cancelHref={`/udgivelser/${release.id}`}
        danger={withdrawing || intent === "force"}
      />
    );
  }
  return (
    <Form method="post" {...getFormProps(form)} className="app-card" aria-label={label}>
      {mine?.conflict ? <ConflictAlert /> : null}
      <ErrorSummary form={form} fields={wanted.map((w) => (fields as any)[w]).filter(Boolean)} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={String(version)} />
      {children ? children(fields) : null}
      <button type="submit" className={`button ${primary ? "button-primary" : "button-secondary"}`}>{label}</button>
    </Form>
  );
}

/** A date and time in Danish wall-clock time (datetime-local); works without JavaScript. */
function DateTimeField({ meta, label, hint }: { meta: any; label: string; hint: string }) {
  const t = useT();
  const errors: string[] = meta.errors ?? [];
  const id = domId(meta.id);
  return (
    <div className={`form-group${errors.length ? " form-error" : ""}`}>
      <label className="form-label" htmlFor={id}>{label}</label>
      <span className="form-hint" id={`${id}-hint`}>{hint}</span>
      {errors.length ? <span className="form-error-message" id={`${id}-error`}>{errors.map((e) => t(e)).join(" ")}</span> : null}
      <input
        className="form-input" type="datetime-local" id={id} name={meta.name} defaultValue={typeof meta.initialValue === "string" ? meta.initialValue : undefined}
        aria-describedby={[`${id}-hint`, errors.length ? `${id}-error` : null].filter(Boolean).join(" ")} aria-invalid={errors.length ? true : undefined}
      />
    </div>
  );
}

function Actions({ d }: { d: LoaderData }) {
  const t = useT();
  const lang = useLang();
  const r = d.release;
  const v = r.version;
  const reason = (name: "reason" | "comment", label: string, hint: string) => (fields: any) => (
    <TextareaField meta={fields[name]} label={label} hint={hint} rows={3} />
  );
  switch (r.status) {
    case "draft":
      return (
        <>
          {r.return_comment ? (
            <div className="alert alert-info"><div className="alert-body">
              <p className="alert-heading">{t("releases.returnedWithComment")}</p>
              <p className="alert-text app-prewrap">{r.return_comment}</p>
            </div></div>
          ) : null}
          {r.author_id === null ? <p>{t("releases.requestedHint")}</p> : null}
          <p><Link to={`/udgivelser/${r.id}/rediger`} className="button button-secondary">{t("releases.action.edit")}</Link></p>
          <ActionForm intent="submit" version={v} label={t("releases.action.submit")} primary />
          <ForceForm d={d} />
        </>
      );
    case "in_review":
      return (
        <>
          {r.scheduled_at ? (
            <>
              <div className="alert alert-info" data-testid="scheduled"><div className="alert-body">
                <p className="alert-heading">{t("releases.scheduledFor", { at: formatDateTime(r.scheduled_at, lang) })}</p>
                <p className="alert-text">{t("releases.scheduledExplain", { at: formatDateTime(r.scheduled_at, lang) })}</p>
              </div></div>
              <ActionForm intent="cancel_schedule" version={v} label={t("releases.action.cancelSchedule")} />
            </>
          ) : d.me.involved ? (
            <div className="alert alert-info"><div className="alert-body"><p className="alert-text">{t("releases.awaitingOtherReviewer")}</p></div></div>
          ) : (
            <>
              <ActionForm intent="approve" version={v} label={t("releases.action.approve")} primary />
              <ActionForm intent="schedule" version={v} label={t("releases.action.schedule")} fields={["publishAt"]}>
                {(fields) => <DateTimeField meta={fields.publishAt} label={t("releases.field.publishAt")} hint={t("releases.field.publishAtHint")} />}
              </ActionForm>
            </>
          )}
          <ActionForm
            intent="return" version={v} label={t("releases.action.return")} fields={["comment"]}
          >
            {reason("comment", t("releases.field.returnComment"), d.me.involved ? t("releases.field.returnCommentOwnHint") : t("releases.field.returnCommentHint"))}
          </ActionForm>
          <ForceForm d={d} />
        </>
      );
    case "published":
      return (
        <>
          {d.notYetReviewed && !d.me.involved && !d.me.forcedIt ? (
            <ActionForm intent="review_after_force" version={v} label={t("releases.action.reviewAfterForce")} primary />
          ) : null}
          {d.openEditionId ? (
            <p><Link to={`/udgivelser/${d.openEditionId}`}>{t("releases.openEdition")}</Link></p>
          ) : (
            <ActionForm intent="new_edition" version={v} label={t("releases.action.newEdition")} fields={["kind"]}>
              {(fields) => (
                <RadioField
                  meta={fields.kind} legend={t("releases.field.editionKind")}
                  options={EDITION_KINDS.map((k) => ({ value: k, label: t(`editionKind.${k}`), hint: t(`editionKind.${k}.explain`) }))}
                />
              )}
            </ActionForm>
          )}
          <ActionForm intent="withdraw" version={v} label={t("releases.action.withdraw")} fields={["reason"]}>
            {reason("reason", t("releases.field.withdrawReason"), t("releases.field.withdrawReasonHint"))}
          </ActionForm>
        </>
      );
    case "superseded":
      return d.notYetReviewed && !d.me.involved && !d.me.forcedIt
        ? <ActionForm intent="review_after_force" version={v} label={t("releases.action.reviewAfterForce")} primary />
        : null;
    case "withdrawn":
      return null;
  }
}

function ForceForm({ d }: { d: LoaderData }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  return (
    <details className="details" open={actionData?.intent === "force"}>
      <summary className="details-summary"><span className="details-summary-text">{t("releases.action.forceSummary")}</span></summary>
      <div className="details-text">
        <p>{t("releases.forceExplain")}</p>
        <ActionForm intent="force" version={d.release.version} label={t("releases.action.force")} fields={["reason"]}>
          {(fields) => <TextareaField meta={fields.reason} label={t("releases.field.forceReason")} hint={t("releases.field.forceReasonHint")} rows={3} />}
        </ActionForm>
      </div>
    </details>
  );
}

export function ReleaseAdminPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const r = d.release;
  const publicPath = r.slug ? `/viden/${r.slug}` : null;
  return (
    <>
      <Breadcrumbs items={[{ to: "/udgivelser", label: t("releases.list.title") }, { label: r.title || t("releases.untitled") }]} />
      <div className="app-page-head">
        <div>
          <h1>{r.title || t("releases.untitled")}</h1>
          <p className="app-meta" data-testid="release-status">
            {t(`releaseStatus.${r.status}`)} · {t("releases.editionN", { edition: r.edition })}
            {r.edition_kind ? ` (${t(`editionKind.${r.edition_kind}`)})` : ""}
          </p>
        </div>
        {publicPath && r.status !== "withdrawn" ? <Link to={publicPath} className="button button-secondary">{t("releases.viewPublic")}</Link> : null}
      </div>

      {d.notYetReviewed ? <NotReviewedNotice reason={r.force_reason} /> : null}
      {r.status === "withdrawn" ? (
        <div className="alert alert-error"><div className="alert-body">
          <p className="alert-heading">{t("portal.withdrawn.title")}</p>
          <p className="alert-text">{t("portal.withdrawn.reason")}: {r.withdrawn_reason}</p>
        </div></div>
      ) : null}
      {d.newest ? (
        <p><Link to={`/udgivelser/${d.newest.id}`}>{t("releases.supersededBy", { edition: d.newest.edition })}</Link></p>
      ) : null}

      <dl className="app-dl">
        <dt>{t("releases.col.initiative")}</dt>
        <dd><Link to={`/initiativer/${d.initiative.id}`}>{d.initiative.title}</Link> ({t(`phase.${r.phase}`)})</dd>
        {d.decision ? (<><dt>{t("releases.decision")}</dt><dd>{t(`outcome.${d.decision.outcome}`)} · {formatDate(d.decision.decided_at, lang)}</dd></>) : null}
        {d.names.requestedBy ? (<><dt>{t("releases.requestedBy")}</dt><dd>{d.names.requestedBy}</dd></>) : null}
        <dt>{t("releases.col.author")}</dt><dd>{d.names.author ?? t("releases.noAuthorYet")}</dd>
        {d.names.contributors.length ? (<><dt>{t("releases.contributors")}</dt><dd>{d.names.contributors.join(", ")}</dd></>) : null}
        {d.names.reviewer ? (<><dt>{t("releases.reviewer")}</dt><dd>{d.names.reviewer} · {formatDateTime(r.reviewed_at, lang)}</dd></>) : null}
        {d.names.forcePublishedBy ? (<><dt>{t("releases.forcePublishedBy")}</dt><dd>{d.names.forcePublishedBy}</dd></>) : null}
        {r.published_at ? (<><dt>{t("portal.published")}</dt><dd>{formatDateTime(r.published_at, lang)}</dd></>) : null}
        {d.reach !== null ? (<><dt>{t("releases.reach")}</dt><dd data-testid="release-reach">{t("releases.reachCount", { count: d.reach })}</dd></>) : null}
        {d.previous ? (<><dt>{t("releases.previousEdition")}</dt><dd><Link to={`/udgivelser/${d.previous.id}`}>{t("releases.editionN", { edition: d.previous.edition })}</Link></dd></>) : null}
      </dl>

      <section className="app-section" aria-labelledby="handlinger">
        <h2 id="handlinger">{t("releases.actions")}</h2>
        <Actions d={d} />
      </section>

      <section className="app-section app-preview" aria-labelledby="forhaandsvisning">
        <h2 id="forhaandsvisning">{t("releases.preview")}</h2>
        <ReleaseArticle d={d.article} titleAs="h2" />
      </section>

      {d.editions.length > 1 ? (
        <section className="app-section" aria-labelledby="udgaver">
          <h2 id="udgaver">{t("portal.editions")}</h2>
          <ul>
            {d.editions.map((e) => (
              <li key={e.id}>
                <Link to={`/udgivelser/${e.id}`}>{t("releases.editionN", { edition: e.edition })}</Link>
                {" · "}{t(`releaseStatus.${e.status}`)} · {formatDate(e.published_at, lang)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="app-section" aria-labelledby="historik">
        <h2 id="historik">{t("detail.history")}</h2>
        <HistoryTable rows={d.history} />
      </section>
    </>
  );
}
