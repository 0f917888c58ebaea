// The list's data: the filters parsed (400 naming the field), one page of rows with only the columns the
// table shows, the total, and the agreement years for the year filter.
import type { Executor } from "#db/client";
import { listAgreementYears, listInitiatives } from "#db/queries/initiatives";
import { ListFiltersSchema } from "~/schemas/initiative";
import { badParameter } from "~/utils/http.server";

export async function loadInitiativeList(db: Executor, request: Request) {
  const searchParams = new URL(request.url).searchParams;
  const params = Object.fromEntries([...searchParams].filter(([, v]) => v !== ""));
  const parsed = ListFiltersSchema.safeParse(params);
  if (!parsed.success) badParameter(request, parsed.error.issues[0].path.join("."), "filter");
  const { page, ...filters } = parsed.data;
  const [result, years] = await Promise.all([listInitiatives(db, filters, page ?? 1), listAgreementYears(db)]);
  return { ...result, years };
}
