// Pieces shared by the subscription pages: what a subscription follows, and the 404 page for a link
// (confirm or unsubscribe) that does not work, which says so in plain words and offers to start again.
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/utils/i18n";

export interface SubscriptionView {
  kind: "municipality" | "civil_society" | "social_service" | "other";
  /** Only for a municipality. */
  municipality: string | null;
  initiatives: string[];
  areas: ("adults" | "children")[];
  topics: string[];
  frequency: "immediate" | "weekly";
}

export function SubscriptionSummary({ s }: { s: SubscriptionView }) {
  const t = useT();
  const following = [
    ...s.areas.map((a) => t(`area.${a}`)),
    ...(s.topics.length ? [t("subscriptions.summary.topics", { topics: s.topics.join(", ") })] : []),
    ...(s.initiatives.length ? [t("subscriptions.summary.initiatives", { titles: s.initiatives.join(", ") })] : []),
  ].join("; ");
  return (
    <dl className="app-dl">
      <dt>{t("subscriptions.summary.kind")}</dt>
      <dd>{t(`subscriptions.kind.${s.kind}`)}</dd>
      {s.municipality ? <><dt>{t("subscriptions.summary.municipality")}</dt><dd>{s.municipality}</dd></> : null}
      <dt>{t("subscriptions.summary.following")}</dt>
      <dd>{following}</dd>
      <dt>{t("subscriptions.summary.frequency")}</dt>
      <dd>{t(`subscriptions.frequency.${s.frequency}`)}</dd>
    </dl>
  );
}

export function InvalidLinkBoundary() {
  const error = useRouteError();
  const t = useT();
  if (!isRouteErrorResponse(error) || error.status !== 404) return <GeneralErrorBoundary />;
  return (
    <div className="app-error" data-status={404}>
      <h1>{t("subscriptions.invalidLink.title")}</h1>
      <p>{t("subscriptions.invalidLink.text")}</p>
      <p><Link to="/viden/abonnement">{t("subscriptions.resubscribe")}</Link></p>
    </div>
  );
}
