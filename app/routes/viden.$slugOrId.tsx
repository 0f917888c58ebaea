// One public release (no login), by slug or id: maturity banner, "not yet reviewed" while a forced release
// owes its review, the initiative and phase it comes from, the body, and its editions. A superseded edition
// stays readable and points to the newest; a withdrawn one answers 410 Gone with the reason; drafts and
// unknown addresses are 404.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { getInitiative } from "#db/queries/initiatives";
import { findReleaseBySlugOrId, getReleaseLink, listEditions, seriesId, toReleaseState } from "#db/queries/releases";
import { publicView } from "#workflows/release";
import { StatusBadge } from "~/components/badges";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MaturityBanner, NotReviewedNotice, ReleaseBody, ReleaseFactsList } from "~/components/release-view";
import { formatDate, translator } from "~/i18n";
import { renderMarkdown } from "~/markdown/render";
import { db } from "~/utils/db.server";
import { feedLinkDescriptors, feedPaths, langFromMatches } from "~/utils/feed-links";
import { notFound } from "~/utils/http.server";
import { useLang, useT } from "~/utils/i18n";

// Public: conditional GETs and a shared cache until the next publication; works without JavaScript, ships none.
export const handle = { publicCache: true, scripts: false };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const lang = langFromMatches(matches);
  const t = translator(lang);
  if (!data) return [{ title: `${t("portal.title")} · SUSI Tracker` }, ...feedLinkDescriptors(lang)];
  if (data.kind === "withdrawn") {
    return [{ title: `${t("portal.withdrawn.title")}: ${data.title} · SUSI Tracker` }, { name: "robots", content: "noindex" }, ...feedLinkDescriptors(lang)];
  }
  return [
    { title: `${data.release.title} · ${t("portal.title")}` },
    { name: "description", content: data.release.summary },
    ...(data.kind === "superseded" && data.newest ? [{ tagName: "link", rel: "canonical", href: `/viden/${data.newest.slug ?? data.newest.id}` }] : []),
    ...feedLinkDescriptors(lang, { area: data.release.area }),
  ];
};

export async function loader({ params }: LoaderFunctionArgs) {
  const key = params.slugOrId ?? "";
  const row = key.length <= 200 ? await findReleaseBySlugOrId(db(), key) : undefined;
  if (!row) notFound();
  const view = publicView(toReleaseState(row));
  if (view.kind === "not_found") notFound();
  if (view.kind === "withdrawn") {
    return data({ kind: "withdrawn" as const, title: view.title, reason: view.reason, withdrawnAt: view.withdrawnAt }, { status: 410, statusText: "Gone" });
  }
  const [initiative, editions, newest] = await Promise.all([
    getInitiative(db(), row.initiative_id),
    listEditions(db(), seriesId(row)),
    view.kind === "superseded" ? getReleaseLink(db(), view.newestId) : undefined,
  ]);
  return {
    kind: view.kind,
    release: {
      id: row.id, slug: row.slug, title: view.content.title, summary: view.content.summary, area: row.area, phase: row.phase,
      audiences: view.content.audiences, topics: view.content.topics, maturity: view.content.maturity, edition: view.edition,
      editionKind: row.edition_kind, publishedAt: view.publishedAt,
    },
    notYetReviewed: view.notYetReviewed,
    html: renderMarkdown(view.content.bodyMarkdown),
    // Only what the public page shows: initiatives themselves are not public.
    initiative: { id: row.initiative_id, title: initiative?.title ?? "", status: initiative?.status ?? "active" },
    editions: editions.map((e) => ({ id: e.id, slug: e.slug, edition: e.edition, kind: e.edition_kind, status: e.status, publishedAt: e.published_at })),
    newest: newest ?? null,
  };
}

export default function PublicReleasePage() {
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
      <h1>{r.title}</h1>
      <MaturityBanner maturity={r.maturity} />
      {d.notYetReviewed ? <NotReviewedNotice /> : null}
      <p className="lead">{r.summary}</p>
      {d.initiative.status === "stopped" ? (
        <p><StatusBadge status="stopped" /> {t("portal.initiativeStopped")}</p>
      ) : null}
      <ReleaseFactsList
        area={r.area} phase={r.phase} audiences={r.audiences} topics={r.topics} edition={r.edition}
        publishedAt={r.publishedAt} initiativeTitle={d.initiative.title}
      />
      <ReleaseBody html={d.html} />
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
      <p className="app-section">
        <a href={feedPaths.area(r.area)}>{t("portal.feed.area", { area: t(`area.${r.area}`) })}</a>
        {" · "}
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
export function ErrorBoundary() {
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
