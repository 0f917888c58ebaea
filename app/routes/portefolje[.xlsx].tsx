// The portfolio as an Excel workbook, one sheet per view, with the list's filters: a resource route.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { buildPortfolioWorkbook, XLSX_CONTENT_TYPE } from "~/utils/portfolio-export.server";
import { parseFilters } from "~/utils/portfolio.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const { page: _page, ...filters } = parseFilters(request);
  const today = new Date().toISOString().slice(0, 10);
  const bytes = await buildPortfolioWorkbook(db(), filters, today);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="portefolje-${today}.xlsx"`,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
    },
  });
}
