// The steering group's home page: what awaits a decision and the group's meetings.
import { Link, useLoaderData } from "@remix-run/react";
import { AwaitingDecision } from "~/components/awaiting-decision";
import { formatDate } from "~/i18n";
import { useLang, useT } from "~/utils/i18n";
import type { loader } from "./route";

export function SteeringHomePage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <>
      <div className="app-page-head">
        <div>
          <h1>{t("steering.title")}</h1>
          <p>{t("steering.intro")}</p>
        </div>
        <p><Link to="/styregruppe/moeder/ny" className="button button-primary">{t("meeting.plan.link")}</Link></p>
      </div>
      <AwaitingDecision data={data} />
      <section className="app-section" aria-labelledby="moeder">
        <h2 id="moeder">{t("meeting.list.title")}</h2>
        {data.meetings.length === 0 ? <p>{t("meeting.list.none")}</p> : (
          <ul className="app-list" data-testid="meetings">
            {data.meetings.map((m) => (
              <li key={m.id}>
                <Link to={`/styregruppe/moeder/${m.id}`}>{m.title || t("meeting.untitled", { date: formatDate(m.date, lang) })}</Link>{" "}
                <span className="app-meta">
                  {t("meeting.list.meta", { date: formatDate(m.date, lang), status: t(`meetingStatus.${m.status}`), count: m.agenda_count })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
