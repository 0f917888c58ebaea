// How a knowledge release reads, on the public portal and in the knowledge staff's preview: the maturity
// banner, the "not yet reviewed" notice, the facts line and the sanitised Markdown body.
import type { Audience, Maturity } from "#workflows/release";
import type { PhasePeriod } from "#workflows/phase-model";
import { withScrollingTables } from "~/components/table-scroll";
import { formatDate } from "~/i18n";
import { useLang, useT } from "~/utils/i18n";

const MATURITY_ALERT: Record<Maturity, string> = {
  preliminary: "alert-warning",
  tested: "alert-info",
  documented: "alert-success",
};

/** The maturity label as a banner: text first, colour only as support. */
export function MaturityBanner({ maturity }: { maturity: Maturity | null }) {
  const t = useT();
  if (!maturity) return null;
  return (
    <div className={`alert ${MATURITY_ALERT[maturity]} app-maturity`} data-maturity={maturity}>
      <div className="alert-body">
        <p className="alert-heading">{t("maturity.label")}: {t(`maturity.${maturity}`)}</p>
        <p className="alert-text">{t(`maturity.${maturity}.explain`)}</p>
      </div>
    </div>
  );
}

/** Shown while a force-published release still owes its review. */
export function NotReviewedNotice({ reason }: { reason?: string }) {
  const t = useT();
  return (
    <div className="alert alert-warning" data-testid="not-reviewed">
      <div className="alert-body">
        <p className="alert-heading">{t("releases.notReviewed")}</p>
        <p className="alert-text">{t("releases.notReviewedExplain")}</p>
        {reason ? <p className="alert-text">{t("releases.forceReason")}: {reason}</p> : null}
      </div>
    </div>
  );
}

export function TagList({ label, items }: { label: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <p className="app-meta">
      <strong>{label}:</strong> {items.join(", ")}
    </p>
  );
}

export interface ReleaseFactsProps {
  areas: ("adults" | "children")[];
  phase: PhasePeriod;
  audiences: Audience[];
  topics: string[];
  edition: number;
  publishedAt: string | null;
  initiativeTitle: string;
}

/** Where the knowledge comes from and who it is for. */
export function ReleaseFactsList(p: ReleaseFactsProps) {
  const t = useT();
  const lang = useLang();
  return (
    <dl className="app-dl">
      <dt>{t("portal.initiative")}</dt><dd>{p.initiativeTitle}</dd>
      <dt>{t("portal.phase")}</dt><dd>{t(`phase.${p.phase}`)}</dd>
      <dt>{t("portal.area")}</dt><dd>{p.areas.map((a) => t(`area.${a}`)).join(", ")}</dd>
      <dt>{t("portal.audiences")}</dt><dd>{p.audiences.map((a) => t(`audience.${a}`)).join(", ") || "–"}</dd>
      {p.topics.length ? (<><dt>{t("portal.topics")}</dt><dd>{p.topics.join(", ")}</dd></>) : null}
      <dt>{t("portal.edition")}</dt><dd>{p.edition}</dd>
      {p.publishedAt ? (<><dt>{t("portal.published")}</dt><dd>{formatDate(p.publishedAt, lang)}</dd></>) : null}
    </dl>
  );
}

/** The rendered body. `html` comes from renderMarkdown on the server, which sanitises it; its tables scroll in their own box. */
export function ReleaseBody({ html }: { html: string }) {
  const t = useT();
  if (!html) return null;
  const body = withScrollingTables(html, (n) => t("portal.tableRegion", { n }), t("portal.tableScrollHint"), t.lang);
  return <div className="app-release-body" lang="da" dangerouslySetInnerHTML={{ __html: body }} />;
}

/** "Hvad er ændret": a major edition's public note, shown above its text. */
export function ChangeNote({ note }: { note: string }) {
  const t = useT();
  if (!note.trim()) return null;
  return (
    <section className="app-change-note" aria-labelledby="hvad-er-aendret" data-testid="change-note">
      <h2 id="hvad-er-aendret">{t("releases.changeNote.heading")}</h2>
      <p className="app-prewrap">{note}</p>
    </section>
  );
}

/** What the public page shows of a release, and so what the editor's preview shows: one component for both. */
export interface ReleaseArticleData {
  title: string;
  summary: string;
  maturity: Maturity | null;
  changeNote: string;
  /** renderMarkdown's output (sanitised, empty sections dropped). */
  html: string;
  facts: ReleaseFactsProps;
}

export function ReleaseArticle({ d, notYetReviewed = false, titleAs = "h1", children }: {
  d: ReleaseArticleData; notYetReviewed?: boolean; titleAs?: "h1" | "h2"; children?: React.ReactNode;
}) {
  const Title = titleAs;
  return (
    <>
      {/* Releases are written in Danish (the portal's language): their texts say so to assistive technology (WCAG 3.1.2). */}
      <Title data-testid="release-title" lang="da">{d.title}</Title>
      <MaturityBanner maturity={d.maturity} />
      {notYetReviewed ? <NotReviewedNotice /> : null}
      <p className="lead" lang="da">{d.summary}</p>
      {children}
      <ChangeNote note={d.changeNote} />
      <ReleaseFactsList {...d.facts} />
      <ReleaseBody html={d.html} />
    </>
  );
}
