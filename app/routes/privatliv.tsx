// The privacy notice (GDPR art. 13) for the portal's subscriptions: who is responsible, what is stored, why,
// for how long (the erasure rule in workflows/subscription.ts), how to be erased. Public, plain HTML.
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ERASE_AFTER_DAYS } from "#workflows/subscription";
import { WithLink } from "~/components/with-link";
import { contactEmail } from "~/utils/contact.server";
import { metaT, useT } from "~/utils/i18n";

export const handle = { scripts: false };

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("privacy.title")} · SUSI Tracker` }];

export function loader() {
  return { email: contactEmail(), days: ERASE_AFTER_DAYS };
}

const SECTIONS = ["what", "why", "who", "howLong", "delete", "rights"] as const;

export default function PrivacyNotice() {
  const t = useT();
  const { email, days } = useLoaderData<typeof loader>();
  const mailto = <a href={`mailto:${email}`}>{email}</a>;
  return (
    <article className="app-document">
      <h1>{t("privacy.title")}</h1>
      <p className="font-lead">{t("privacy.intro")}</p>
      <h2>{t("privacy.controller.title")}</h2>
      <p><WithLink text={t("privacy.controller.text")} name="email">{mailto}</WithLink></p>
      {SECTIONS.map((s) => (
        <section key={s}>
          <h2>{t(`privacy.${s}.title`)}</h2>
          <p><WithLink text={t(`privacy.${s}.text`, { days })} name="email">{mailto}</WithLink></p>
        </section>
      ))}
    </article>
  );
}
