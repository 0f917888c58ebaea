// The "vis alle" page: the same presentation as the initiative page's section, with paging.
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { DecisionList } from "~/components/decision-list";
import { HistoryTable } from "~/components/history-table";
import { Pagination } from "~/components/pagination";
import { formatDate } from "~/i18n";
import { useLang, useT } from "~/utils/i18n";
import type { loader } from "./route";

export function AllOfPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const i = d.initiative;
  const title = t(`all.title.${d.list}`);
  return (
    <>
      <Breadcrumbs items={[{ to: "/initiativer", label: t("list.title") }, { to: `/initiativer/${i.id}`, label: i.title }, { label: title }]} />
      <h1>{title}</h1>
      <p>{i.title} · {t("all.count", { total: d.total })}</p>
      {d.list === "vurderinger" ? (
        d.assessments.length === 0 ? <p>{t("detail.noAssessments")}</p> : (
          <ul>
            {d.assessments.map((a) => (
              <li key={a.id}>
                <Link to={`/initiativer/${i.id}/vurdering/${a.id}`}>{t(`phase.${a.from_phase}`)} → {t(`phase.${a.to_phase}`)}</Link>{" "}
                · {t(`assessmentStatus.${a.status}`)} · {a.judged}/{a.total} · {formatDate(a.at, lang)}
              </li>
            ))}
          </ul>
        )
      ) : null}
      {d.list === "beslutninger" ? (
        d.decisions.length === 0 ? <p>{t("detail.noDecisions")}</p> : <DecisionList decisions={d.decisions} frozenSom={d.frozenSom} />
      ) : null}
      {d.list === "historik" ? <HistoryTable rows={d.history} names={d.historyNames} /> : null}
      <Pagination page={d.page} pageSize={d.pageSize} total={d.total} />
      <p><Link to={`/initiativer/${i.id}`}>{t("all.back")}</Link></p>
    </>
  );
}
