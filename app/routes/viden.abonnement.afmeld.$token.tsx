// The unsubscribe link every mail carries. GET shows a button (mail scanners fetch links, and must not
// unsubscribe anyone); any POST unsubscribes: the button, and the RFC 8058 one-click POST
// ("List-Unsubscribe=One-Click") that mail programs send without a browser. Answers 200 either way.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getSubscriptionByUnsubscribeTokenHash, unsubscribe } from "#db/queries/subscriptions";
import { InvalidLinkBoundary } from "~/components/subscription-parts";
import { hashToken, isTokenShaped } from "~/mail/tokens.server";
import { db } from "~/utils/db.server";
import { notFound, nowIso } from "~/utils/http.server";
import { metaT, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [
  { title: `${metaT(matches)("subscriptions.unsubscribe.title")} · SUSI Tracker` }, { name: "robots", content: "noindex" },
];

async function subscriptionFor(token: string | undefined) {
  const s = isTokenShaped(token) ? await getSubscriptionByUnsubscribeTokenHash(db(), hashToken(token)) : undefined;
  return s ?? notFound("Unknown unsubscribe link");
}

export async function loader({ params }: LoaderFunctionArgs) {
  const s = await subscriptionFor(params.token);
  return { unsubscribed: s.status === "unsubscribed", email: s.email };
}

export async function action({ params }: ActionFunctionArgs) {
  const s = await subscriptionFor(params.token);
  await db().transaction().execute((trx) => unsubscribe(trx, s.id, nowIso()));
  return { unsubscribed: true as const };
}

export default function Unsubscribe() {
  const t = useT();
  const { unsubscribed, email } = useLoaderData<typeof loader>();
  if (unsubscribed) {
    return (
      <div className="app-error">
        <h1>{t("subscriptions.unsubscribed.title")}</h1>
        {/* An address erased after the privacy notice's period is gone: the old link says so without it. */}
        <p role="status">{email ? t("subscriptions.unsubscribed.text", { email }) : t("subscriptions.unsubscribed.erased")}</p>
        <p><Link to="/viden/abonnement">{t("subscriptions.resubscribe")}</Link></p>
      </div>
    );
  }
  return (
    <div className="app-error">
      <h1>{t("subscriptions.unsubscribe.title")}</h1>
      <p>{t("subscriptions.unsubscribe.text", { email })}</p>
      <Form method="post">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit" className="button button-primary">{t("subscriptions.unsubscribe.button")}</button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <InvalidLinkBoundary />;
}
