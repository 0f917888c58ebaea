// For knowledge staff: who follows the releases, how far each release's notice reached, and whether the
// outbox is keeping up (rows given up on need a person).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { countOutboxByStatus, listReleaseReach } from "#db/queries/outbox";
import { countSubscribers } from "#db/queries/subscriptions";
import { TableScroll } from "~/components/table-scroll";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatDateTime, formatNumber } from "~/i18n";
import { metaT, useLang, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("subscriptions.overview.title")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "release.edit");
  const [subscribers, outbox, reach] = await Promise.all([countSubscribers(db()), countOutboxByStatus(db()), listReleaseReach(db())]);
  return { subscribers, outbox, reach };
}

export default function SubscriptionOverview() {
  const t = useT();
  const lang = useLang();
  const { subscribers: s, outbox, reach } = useLoaderData<typeof loader>();
  const n = (v: number) => formatNumber(v, lang);
  const figures = [
    ["confirmed", s.confirmed], ["pending", s.pending], ["municipalities", s.municipalities], ["immediate", s.immediate],
    ["weekly", s.weekly], ["adults", s.adults], ["children", s.children],
  ] as const;
  return (
    <>
      <h1>{t("subscriptions.overview.title")}</h1>
      <p className="font-lead">{t("subscriptions.overview.intro")}</p>
      <h2>{t("subscriptions.overview.subscribers")}</h2>
      <dl className="app-dl">
        {figures.map(([key, value]) => (
          <div key={key} style={{ display: "contents" }}>
            <dt>{t(`subscriptions.overview.${key}`)}</dt>
            <dd>{n(value)}</dd>
          </div>
        ))}
      </dl>
      <h2 className="app-section">{t("subscriptions.overview.releases")}</h2>
      {reach.length ? (
        <TableScroll label={t("subscriptions.overview.releases")}>
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t("subscriptions.overview.release")}</th>
                <th scope="col">{t("subscriptions.overview.edition")}</th>
                <th scope="col">{t("subscriptions.overview.queuedAt")}</th>
                <th scope="col" className="text-align-right">{t("subscriptions.overview.reached")}</th>
                <th scope="col" className="text-align-right">{t("subscriptions.overview.delivered")}</th>
                <th scope="col" className="text-align-right">{t("subscriptions.overview.awaitingDigest")}</th>
                <th scope="col" className="text-align-right">{t("subscriptions.overview.failed")}</th>
              </tr>
            </thead>
            <tbody>
              {reach.map((r) => (
                <tr key={r.releaseId}>
                  <th scope="row"><a href={`/udgivelser/${r.releaseId}`}>{r.title}</a></th>
                  <td>{r.edition}</td>
                  <td>{formatDateTime(r.queuedAt, lang)}</td>
                  <td className="text-align-right">{n(r.reached)}</td>
                  <td className="text-align-right">{n(r.delivered)}</td>
                  <td className="text-align-right">{n(r.awaitingDigest)}</td>
                  <td className="text-align-right">{n(r.failed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>{t("subscriptions.overview.none")}</p>
      )}
      <h2 className="app-section">{t("subscriptions.overview.outbox")}</h2>
      <p>{t("subscriptions.overview.outboxText", {
        pending: n(outbox.pending), sending: n(outbox.sending), sent: n(outbox.sent), dead: n(outbox.dead), cancelled: n(outbox.cancelled),
      })}</p>
    </>
  );
}
