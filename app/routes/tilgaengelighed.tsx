// The accessibility statement (tilgængelighedserklæring): what was tested, the known limitations, how to
// report a barrier and where to complain. Public, plain HTML, linked from every page's footer.
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { WithLink } from "~/components/with-link";
import { formatDate } from "~/i18n";
import { contactEmail } from "~/utils/contact.server";
import { metaT, useLang, useT } from "~/utils/i18n";

export const handle = { scripts: false };

/** The day the statement was last reviewed against the tests it describes. */
const PREPARED = "2026-12-02";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("a11y.title")} · SUSI Tracker` }];

export function loader() {
  return { email: contactEmail() };
}

export default function AccessibilityStatement() {
  const t = useT();
  const lang = useLang();
  const { email } = useLoaderData<typeof loader>();
  const mailto = <a href={`mailto:${email}`}>{email}</a>;
  return (
    <article className="app-document">
      <h1>{t("a11y.title")}</h1>
      <p className="font-lead">{t("a11y.intro")}</p>
      <h2>{t("a11y.status.title")}</h2>
      <p>{t("a11y.status.text")}</p>
      <h2>{t("a11y.tested.title")}</h2>
      <ul>
        <li>{t("a11y.tested.axe")}</li>
        <li>{t("a11y.tested.keyboard")}</li>
        <li>{t("a11y.tested.crawl")}</li>
        <li>{t("a11y.tested.nojs")}</li>
      </ul>
      <h2>{t("a11y.limits.title")}</h2>
      <ul>
        <li>{t("a11y.limits.flow")}</li>
        <li>{t("a11y.limits.charts")}</li>
        <li>{t("a11y.limits.excel")}</li>
      </ul>
      <h2>{t("a11y.report.title")}</h2>
      <p><WithLink text={t("a11y.report.text")} name="email">{mailto}</WithLink></p>
      <h2>{t("a11y.complaint.title")}</h2>
      <p>{t("a11y.complaint.text")}</p>
      <p className="form-hint">{t("a11y.prepared", { date: formatDate(PREPARED, lang) })}</p>
    </article>
  );
}
