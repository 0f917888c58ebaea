// The CSV template offered on the import page: the header row and one example row. It starts with a
// UTF-8 byte order mark because Excel otherwise reads the file as Windows-1252 and mangles æøå.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { UIP_ALL_COLUMNS, type UipColumn } from "#db/import/parse";
import { requirePermission } from "~/utils/auth.server";

const EXAMPLE: Record<UipColumn, string> = {
  area: "børn og unge",
  title: "Eksempel: Tidlig opsporing af mistrivsel i dagtilbud",
  phase: "Afprøvning",
  agreement: "UIP 2022, 2023",
  agreement_years: "2022;2023",
  continued_to_next_phase: "Ja (Udbredelse af tidlig opsporing af mistrivsel i dagtilbud, UIP 2025)",
  susi_assessment: "Ja",
  owner: "programleder@susi.test",
  budget_kr: "2022: 1.500.000; 2023: 2.000.000",
};

/** RFC 4180: quote a field holding a separator, quote or line break, and double its quotes. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "initiative.import");
  const lines = [UIP_ALL_COLUMNS.join(","), UIP_ALL_COLUMNS.map((c) => csvField(EXAMPLE[c])).join(",")];
  return new Response(`\uFEFF${lines.join("\r\n")}\r\n`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="uip-initiativer-skabelon.csv"',
      "Cache-Control": "private, no-cache",
    },
  });
}
