// After a subscription request: check your inbox. Said the same whether or not a mail was queued.
import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { metaT, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("subscriptions.sent.title")} · SUSI Tracker` }];

export default function SubscriptionRequested() {
  const t = useT();
  return (
    <div className="app-error">
      <h1>{t("subscriptions.sent.title")}</h1>
      <p>{t("subscriptions.sent.text")}</p>
      <p>{t("subscriptions.sent.noMail")}</p>
      <p><Link to="/viden">{t("subscriptions.toPortal")}</Link></p>
    </div>
  );
}
