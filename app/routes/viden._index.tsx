// The public portal (no login): published knowledge releases with filters (area, phase, audience, topic,
// maturity) and search, filtered and paged in SQL, newest first. Advertises its Atom feeds.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { listPublicReleases, listPublicTopics } from "#db/queries/release-portal";
import { PHASE_PERIODS } from "#workflows/phase-model";
import { AUDIENCES, MATURITIES, RELEASE_AREAS } from "#workflows/release";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { formatDate, translator } from "~/i18n";
import { PortalFiltersSchema } from "~/schemas/release";
import { db } from "~/utils/db.server";
import { feedLinkDescriptors, feedPaths, langFromMatches } from "~/utils/feed-links";
import { badParameter } from "~/utils/http.server";
import { useLang, useT } from "~/utils/i18n";

// Public: conditional GETs and a shared cache until the next publication; works without JavaScript, ships none.
export const handle = { publicCache: true, scripts: false };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const lang = langFromMatches(matches);
  return [
    { title: `${translator(lang)("portal.title")} · SUSI Tracker` },
    { name: "description", content: translator(lang)("portal.intro") },
    ...feedLinkDescriptors(lang, { area: data?.filters.area, topic: data?.filters.topic }),
  ];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v.trim() !== ""));
  const parsed = PortalFiltersSchema.safeParse(params);
  if (!parsed.success) badParameter(request, parsed.error.issues[0].path.join("."), "filter");
  const { page, ...filters } = parsed.data;
  const [result, topics] = await Promise.all([listPublicReleases(db(), filters, page ?? 1), listPublicTopics(db())]);
  return { ...result, topics, filters };
}

export default function PortalPage() {
  const { rows, total, page, pageSize, topics, filters } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  const lang = useLang();
  const select = (name: string, label: string, options: { value: string; label: string }[]) => (
    <div className="form-group">
      <label className="form-label" htmlFor={`filter-${name}`}>{label}</label>
      <select className="form-select" id={`filter-${name}`} name={name} defaultValue={params.get(name) ?? ""}>
        <option value="">{t("portal.all")}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <div className="app-page-head">
        <div>
          <h1>{t("portal.title")}</h1>
          <p className="app-portal-intro">{t("portal.intro")}</p>
        </div>
      </div>
      {/* Releases first in reading order; the filters follow, folded behind a button (a <details>, no JavaScript needed). */}
      <div className="app-portal">
        <div className="app-portal__results">
          <p role="status" aria-live="polite"><strong>{total === 1 ? t("portal.countOne") : t("portal.count", { count: total })}</strong></p>
          {rows.length === 0 ? <p>{t("portal.empty")}</p> : (
            <ul className="nobullet-list app-release-list">
              {rows.map((r) => (
                <li key={r.id} className="card app-release-card">
                  <div className="card-content">
                  <h2 className="h3 card-heading"><Link to={`/viden/${r.slug ?? r.id}`}>{r.title}</Link></h2>
                  <p className="app-meta">
                    {r.maturity ? <strong>{t(`maturity.${r.maturity}`)}</strong> : null}
                    {r.maturity ? " · " : null}
                    {r.areas.map((a) => t(`area.${a}`)).join(", ")} · {t(`phase.${r.phase}`)} · {t("portal.publishedOn", { date: formatDate(r.published_at, lang) })}
                    {r.edition > 1 ? ` · ${t("releases.editionN", { edition: r.edition })}` : ""}
                    {r.force_published === 1 && r.reviewed_at === null ? ` · ${t("releases.notReviewed")}` : ""}
                  </p>
                  <p>{r.summary}</p>
                  <p className="app-meta">
                    {t("portal.forAudiences")}: {r.audiences.map((a) => t(`audience.${a}`)).join(", ")}
                    {r.topics.length ? <> · {t("portal.topics")}: {r.topics.join(", ")}</> : null}
                  </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
        <details className="details app-portal__filters" open={filtered || undefined}>
          <summary className="details-summary">{t("portal.filtersToggle")}</summary>
          <div className="details-text">
            <Form method="get" className="app-filters" role="search" aria-label={t("portal.filter")}>
              <div className="form-group">
                <label className="form-label" htmlFor="filter-q">{t("portal.search")}</label>
                <input className="form-input" type="search" id="filter-q" name="q" defaultValue={params.get("q") ?? ""} />
              </div>
              {select("area", t("portal.area"), RELEASE_AREAS.map((a) => ({ value: a, label: t(`area.${a}`) })))}
              {select("phase", t("portal.phase"), PHASE_PERIODS.map((p) => ({ value: p, label: t(`phase.${p}`) })))}
              {select("audience", t("portal.audience"), AUDIENCES.map((a) => ({ value: a, label: t(`audience.${a}`) })))}
              {select("topic", t("portal.topic"), topics.map((x) => ({ value: x.topic, label: `${x.topic} (${x.count})` })))}
              {select("maturity", t("portal.maturity"), MATURITIES.map((m) => ({ value: m, label: t(`maturity.${m}`) })))}
              <div className="app-actions">
                <button type="submit" className="button button-primary">{t("portal.filterSubmit")}</button>
                {filtered ? <Link to="/viden">{t("portal.reset")}</Link> : null}
              </div>
            </Form>
          </div>
        </details>
      </div>
      <Pagination page={page} pageSize={pageSize} total={total} />
      <section className="app-section" aria-labelledby="subscribe">
        <h2 id="subscribe">{t("subscriptions.title")}</h2>
        <p>{t("portal.subscribe.intro")}</p>
        <p><Link to="/viden/abonnement" className="button button-primary">{t("portal.subscribe.link")}</Link></p>
      </section>
      <section className="app-section" aria-labelledby="feeds">
        <h2 id="feeds">{t("portal.feeds.title")}</h2>
        <p>{t("portal.feeds.intro")}</p>
        <ul>
          <li><a href={feedPaths.all}>{t("portal.feed.all")}</a></li>
          {RELEASE_AREAS.map((a) => <li key={a}><a href={feedPaths.area(a)}>{t("portal.feed.area", { area: t(`area.${a}`) })}</a></li>)}
          {filters.topic ? <li><a href={feedPaths.topic(filters.topic)}>{t("portal.feed.topic", { topic: filters.topic })}</a></li> : null}
        </ul>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
