// The portfolio's Bilag-1 rows as CSV for Danish Excel (UTF-8 with BOM, semicolons), with the list's filters.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { buildPortfolioCsv, CSV_CONTENT_TYPE } from "~/utils/portfolio-export.server";
import { parseFilters } from "~/utils/portfolio.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const { page: _page, ...filters } = parseFilters(request);
  const today = new Date().toISOString().slice(0, 10);
  const text = await buildPortfolioCsv(db(), filters);
  return new Response(text, {
    headers: {
      "Content-Type": CSV_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="portefolje-${today}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
