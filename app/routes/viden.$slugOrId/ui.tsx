// The public release page: the withdrawn notice (410), or the release with its banner, facts, body and
// editions; and the portal's own "not found" page.
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { StatusBadge } from "~/components/badges";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ReleaseArticle } from "~/components/release-view";
import { formatDate } from "~/i18n";
import { feedPaths } from "~/utils/feed-links";
import { useLang, useT } from "~/utils/i18n";
import type { loader } from "./route";

export function PublicReleasePage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  if (d.kind === "withdrawn") {
    return (
      <article className="app-release" data-status="410">
        <Breadcrumb title={d.title} />
        <h1>{t("portal.withdrawn.title")}</h1>
        <p className="lead">{d.title}</p>
        <div className="alert alert-warning">
          <div className="alert-body">
            <p className="alert-heading">{t("portal.withdrawn.reason")}</p>
            <p className="alert-text app-prewrap">{d.reason}</p>
            <p className="alert-text">{t("portal.withdrawn.when", { date: formatDate(d.withdrawnAt, lang) })}</p>
          </div>
        </div>
        <p><Link to="/viden">{t("portal.backToList")}</Link></p>
      </article>
    );
  }
  const r = d.release;
  return (
    <article className="app-release">
      <Breadcrumb title={r.title} />
      {d.kind === "superseded" && d.newest ? (
        <div className="alert alert-info" role="note" data-testid="superseded">
          <div className="alert-body">
            <p className="alert-heading">{t("portal.superseded.title")}</p>
            <p className="alert-text">
              <Link to={`/viden/${d.newest.slug ?? d.newest.id}`}>{t("portal.superseded.link", { edition: d.newest.edition, title: d.newest.title })}</Link>
            </p>
          </div>
        </div>
      ) : null}
      <ReleaseArticle d={d.article} notYetReviewed={d.notYetReviewed}>
        {d.initiative.status === "stopped" ? (
          <p><StatusBadge status="stopped" /> {t("portal.initiativeStopped")}</p>
        ) : null}
      </ReleaseArticle>
      {d.editions.length > 1 ? (
        <section className="app-section" aria-labelledby="udgaver">
          <h2 id="udgaver">{t("portal.editions")}</h2>
          <ol className="app-editions">
            {d.editions.map((e) => (
              <li key={e.id}>
                {e.id === r.id ? (
                  <strong aria-current="page">{t("releases.editionN", { edition: e.edition })}</strong>
                ) : e.status === "withdrawn" ? (
                  t("releases.editionN", { edition: e.edition })
                ) : (
                  <Link to={`/viden/${e.slug ?? e.id}`}>{t("releases.editionN", { edition: e.edition })}</Link>
                )}
                {" · "}{formatDate(e.publishedAt, lang)}
                {e.kind ? ` · ${t(`editionKind.${e.kind}`)}` : ""}
                {e.status === "withdrawn" ? ` · ${t("releaseStatus.withdrawn")}` : ""}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section className="app-section app-noprint" aria-labelledby="foelg">
        <h2 id="foelg">{t("portal.follow.title")}</h2>
        <p>{t("portal.follow.intro")}</p>
        <p>
          <Link to={`/viden/abonnement?initiative=${d.initiative.id}`} className="button button-secondary">{t("portal.follow.link")}</Link>
          {" "}<a href={feedPaths.initiative(d.initiative.id)}>{t("portal.feed.initiative", { title: d.initiative.title })}</a>
        </p>
      </section>
      <p className="app-section app-noprint">
        {r.areas.map((a) => (
          <span key={a}><a href={feedPaths.area(a)}>{t("portal.feed.area", { area: t(`area.${a}`) })}</a>{" · "}</span>
        ))}
        <Link to="/viden">{t("portal.backToList")}</Link>
      </p>
    </article>
  );
}

function Breadcrumb({ title }: { title: string }) {
  const t = useT();
  return <Breadcrumbs items={[{ to: "/viden", label: t("portal.title") }, { label: title }]} />;
}

/** A missing release gets a page that says so and leads back to the list; anything else the shared one. */
export function PublicReleaseError() {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <div className="app-error" data-status={404}>
        <h1>{t("portal.notFound.title")}</h1>
        <p>{t("portal.notFound.text")}</p>
        <p><Link to="/viden">{t("portal.backToList")}</Link></p>
      </div>
    );
  }
  return <GeneralErrorBoundary />;
}
