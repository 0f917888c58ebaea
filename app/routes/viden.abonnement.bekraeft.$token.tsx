// The confirmation link of the double opt-in. GET only shows what will be confirmed and a button; the
// POST confirms. Mail scanners fetch links, so a GET must never be what says yes.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { confirmSubscription, getSubscriptionByConfirmTokenHash } from "#db/queries/subscriptions";
import { mayShowConfirmation } from "#workflows/subscription";
import { municipalityByCode } from "#db/seed-data/municipalities";
import { InvalidLinkBoundary, SubscriptionSummary } from "~/components/subscription-parts";
import { hashToken, isTokenShaped } from "~/mail/tokens.server";
import { db } from "~/utils/db.server";
import { notFound, nowIso } from "~/utils/http.server";
import { metaT, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [
  { title: `${metaT(matches)("subscriptions.confirm.title")} · SUSI Tracker` }, { name: "robots", content: "noindex" },
];

function tokenHash(token: string | undefined): string {
  if (!isTokenShaped(token)) notFound("Unknown or expired confirmation link");
  return hashToken(token);
}

export async function loader({ params }: LoaderFunctionArgs) {
  const s = await getSubscriptionByConfirmTokenHash(db(), tokenHash(params.token));
  if (!mayShowConfirmation(s, nowIso())) notFound("Unknown or expired confirmation link");
  return {
    confirmed: s.status === "confirmed",
    email: s.email,
    subscription: {
      kind: s.kind, municipality: s.municipalityCode === null ? null : municipalityByCode(s.municipalityCode)?.name ?? s.municipalityCode,
      initiatives: s.initiatives.map((i) => i.title), areas: s.areas, topics: s.topics, frequency: s.frequency,
    },
  };
}

export async function action({ params }: ActionFunctionArgs) {
  const hash = tokenHash(params.token);
  const result = await db().transaction().execute((trx) => confirmSubscription(trx, hash, nowIso()));
  if (!result.ok) notFound("Unknown or expired confirmation link");
  return redirect(`/viden/abonnement/bekraeft/${params.token}`);
}

export default function ConfirmSubscription() {
  const t = useT();
  const { confirmed, email, subscription } = useLoaderData<typeof loader>();
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <h1>{t(confirmed ? "subscriptions.confirmed.title" : "subscriptions.confirm.title")}</h1>
        {confirmed ? (
          <div className="alert alert-success" role="status">
            <div className="alert-body"><p className="alert-text">{t("subscriptions.confirmed.text")}</p></div>
          </div>
        ) : (
          <p>{t("subscriptions.confirm.text", { email })}</p>
        )}
        <SubscriptionSummary s={subscription} />
        {confirmed ? (
          <p className="app-section"><Link to="/viden">{t("subscriptions.toPortal")}</Link></p>
        ) : (
          <Form method="post" className="app-section">
            <button type="submit" className="button button-primary">{t("subscriptions.confirm.button")}</button>
          </Form>
        )}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <InvalidLinkBoundary />;
}
