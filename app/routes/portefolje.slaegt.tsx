// Lineage: the whole portfolio's predecessor/successor graph, with a text list of the same links.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { lineage } from "#db/queries/portfolio";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LineageFlow } from "~/components/portfolio/lineage-flow";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFilters } from "~/utils/portfolio.server";
import { useT } from "~/utils/i18n";

/** Above this many initiatives the drawing is unreadable (and heavy): the list alone is shown. */
const MAX_DRAWN_NODES = 300;

// Logged-in readers get this page from memory until the database changes (page-cache.server.ts).
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const { page: _page, ...filters } = parseFilters(request);
  const graph = await lineage(db(), filters);
  return { ...graph, drawn: graph.nodes.length <= MAX_DRAWN_NODES };
}

export default function LineageView() {
  const { nodes, edges, drawn } = useLoaderData<typeof loader>();
  const t = useT();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const describe = (id: number) => {
    const n = byId.get(id)!;
    return (
      <>
        <Link to={`/initiativer/${n.id}`}>{n.title}</Link>{" "}
        <span className="app-meta">({n.first_year ? `UIP ${n.first_year}` : "–"}, {t(`phase.${n.phase}`)}{n.in_filter ? "" : `, ${t("portfolio.lineage.outside")}`})</span>
      </>
    );
  };
  return (
    <section className="app-section" aria-labelledby="pf-lineage">
      <h2 id="pf-lineage">{t("portfolio.lineage.title")}</h2>
      <p>{t("portfolio.lineage.intro")}</p>
      <p className="app-meta" data-testid="lineage-summary">{t("portfolio.lineage.summary", { nodes: nodes.length, edges: edges.length })}</p>
      {edges.length === 0 ? <p>{t("portfolio.lineage.none")}</p> : drawn ? <LineageFlow nodes={nodes} edges={edges} /> : <p>{t("portfolio.lineage.tooMany", { max: MAX_DRAWN_NODES })}</p>}
      {edges.length ? (
        <>
          <h3>{t("portfolio.lineage.list")}</h3>
          <ul className="pf-lineage-list" data-testid="lineage-list">
            {edges.map((e) => (
              <li key={`${e.predecessor_id}-${e.successor_id}`}>
                {describe(e.predecessor_id)} <span aria-hidden="true">→</span><span className="visually-hidden">{t("portfolio.lineage.continuedAs")}</span> {describe(e.successor_id)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
