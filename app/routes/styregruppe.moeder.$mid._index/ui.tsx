// The meeting page: details and quorum, the members present (a checkbox form), the agenda with a link to
// decide each item at this meeting, and the awaiting list with a button per initiative to add it.
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AwaitingDecision } from "~/components/awaiting-decision";
import { ConflictAlert } from "~/components/forms";
import { formatDate } from "~/i18n";
import { useLang, useT } from "~/utils/i18n";
import type { action, loader } from "./route";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export function MeetingPage() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const { meeting } = data;
  const refusals = answer && "refusals" in answer ? (answer.refusals as string[]) : [];
  const errors = answer && "result" in answer ? (answer.result?.error ?? {}) : {};
  const fieldMessages = Object.values(errors).flat().filter((m): m is string => typeof m === "string");
  const messages = refusals.length ? refusals : fieldMessages.map((m) => t(m));
  return (
    <>
      <p><Link to="/styregruppe">{t("steering.back")}</Link></p>
      <h1>{meeting.title || t("meeting.untitled", { date: formatDate(meeting.date, lang) })}</h1>
      <dl className="app-dl">
        <dt>{t("meeting.field.date")}</dt><dd>{formatDate(meeting.date, lang)}</dd>
        {meeting.location ? (<><dt>{t("meeting.field.location")}</dt><dd>{meeting.location}</dd></>) : null}
        <dt>{t("meeting.field.chair")}</dt><dd>{data.chair?.name ?? "–"}</dd>
        <dt>{t("meeting.field.status")}</dt><dd>{t(`meetingStatus.${meeting.status}`)}</dd>
        <dt>{t("meeting.quorum.label")}</dt>
        <dd data-testid="quorum">
          {meeting.status === "held"
            ? t(data.quorum.met ? "meeting.quorum.met" : "meeting.quorum.notMet", { present: data.present.length, required: data.quorum.required, group: data.members.length })
            : t("meeting.quorum.pending", { required: data.quorum.required, group: data.members.length })}
        </dd>
      </dl>
      <p><Link to={`/styregruppe/moeder/${meeting.id}/referat`}>{t("meeting.minutes.link")}</Link></p>
      <ConflictAlert answer={answer} />
      {messages.length ? (
        <div className="alert alert-error" role="alert" aria-labelledby="meeting-refused">
          <div className="alert-body">
            <p className="alert-heading" id="meeting-refused">{t("meeting.refused.title")}</p>
            <ul className="alert-text app-refusals">{messages.map((m) => <li key={m}>{m}</li>)}</ul>
          </div>
        </div>
      ) : null}
      <Attendance data={data} />
      <Agenda data={data} />
      <section className="app-section" aria-labelledby="tilfoej">
        <h2 id="tilfoej">{t("meeting.add.title")}</h2>
        <p>{t("meeting.add.intro")}</p>
        <AwaitingDecision
          data={data.awaiting}
          headingLevel={3}
          action={({ initiativeId, title }) => (
            <Form method="post">
              <input type="hidden" name="intent" value="agenda" />
              <input type="hidden" name="version" value={meeting.version} />
              <input type="hidden" name="initiativeId" value={initiativeId} />
              <button type="submit" className="button button-secondary button-small" aria-label={`${t("meeting.add.button")}: ${title}`}>
                {t("meeting.add.button")}
              </button>
            </Form>
          )}
        />
      </section>
    </>
  );
}

function Attendance({ data }: { data: Data }) {
  const t = useT();
  const present = new Set(data.present.map((p) => p.id));
  return (
    <section className="app-section" aria-labelledby="fremmoedte">
      <h2 id="fremmoedte">{t("meeting.attendance.title")}</h2>
      <Form method="post">
        <input type="hidden" name="intent" value="attendance" />
        <input type="hidden" name="version" value={data.meeting.version} />
        <fieldset className="form-group">
          <legend className="form-label">{t("meeting.attendance.legend")}</legend>
          <span className="form-hint">{t("meeting.attendance.hint", { required: data.quorum.required, group: data.members.length })}</span>
          <ul className="nobullet-list">
            {data.members.map((m) => (
              <li key={m.id}>
                <input className="form-checkbox" type="checkbox" id={`present-${m.id}`} name="present" value={m.id} defaultChecked={present.has(m.id)} />
                <label htmlFor={`present-${m.id}`}>{m.name}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <button type="submit" className="button button-secondary">{t("meeting.attendance.submit")}</button>
      </Form>
    </section>
  );
}

function Agenda({ data }: { data: Data }) {
  const t = useT();
  return (
    <section className="app-section" aria-labelledby="dagsorden">
      <h2 id="dagsorden">{t("meeting.agenda.title")}</h2>
      {data.agenda.length === 0 ? <p>{t("meeting.agenda.none")}</p> : (
        <div className="app-table-wrap">
          <table className="table table--compact" data-testid="agenda">
            <caption className="visually-hidden">{t("meeting.agenda.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("meeting.agenda.item")}</th>
                <th scope="col">{t("steering.col.initiative")}</th>
                <th scope="col">{t("steering.col.phase")}</th>
                <th scope="col">{t("meeting.agenda.decision")}</th>
              </tr>
            </thead>
            <tbody>
              {data.agenda.map((a, i) => (
                <tr key={`${a.id}-${a.decision_id ?? 0}`}>
                  <td>{i + 1}</td>
                  <th scope="row"><Link to={`/initiativer/${a.initiative_id}`}>{a.title}</Link></th>
                  <td>{t(`phase.${a.phase}`)}</td>
                  <td>
                    {a.decision_id ? (
                      <Link to={`/initiativer/${a.initiative_id}/beslutninger/${a.decision_id}`}>{t(`outcome.${a.outcome}`)}</Link>
                    ) : (
                      <Link to={`/initiativer/${a.initiative_id}/beslutning?moede=${data.meeting.id}`} aria-label={`${t("meeting.agenda.decide")} ${a.title}`}>
                        {t("meeting.agenda.decide")}
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
