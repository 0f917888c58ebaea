// The public page's reading of a release, built in one place: the public page, the staff's release page and the
// editor's preview all call releaseArticle, so the preview is the published page (same renderer, same sanitiser,
// same empty-section rule, same component: ReleaseArticle).
import type { PhasePeriod } from "#workflows/phase-model";
import type { ReleaseContent } from "#workflows/release";
import type { ReleaseArticleData } from "~/components/release-view";
import { renderMarkdown } from "~/markdown/render";

export function releaseArticle(
  c: ReleaseContent,
  where: { phase: PhasePeriod; edition: number; publishedAt: string | null; initiativeTitle: string; fallbackArea: "adults" | "children" },
): ReleaseArticleData {
  return {
    title: c.title,
    summary: c.summary,
    maturity: c.maturity,
    changeNote: where.edition > 1 ? c.changeNote : "",
    html: renderMarkdown(c.bodyMarkdown),
    facts: {
      areas: c.areas.length ? c.areas : [where.fallbackArea], phase: where.phase, audiences: c.audiences, topics: c.topics,
      edition: where.edition, publishedAt: where.publishedAt, initiativeTitle: where.initiativeTitle,
    },
  };
}
