// The list's data: the filters parsed (400 naming the field), one page of rows with only the columns the
// table shows, the total, and the agreement years for the year filter.
import type { Executor } from "#db/client";
import { listAgreementYears, listInitiatives } from "#db/queries/initiatives";
import { ListFiltersSchema } from "~/schemas/initiative";
import { badRequest } from "~/utils/http.server";

export async function loadInitiativeList(db: Executor, searchParams: URLSearchParams) {
  const params = Object.fromEntries([...searchParams].filter(([, v]) => v !== ""));
  const parsed = ListFiltersSchema.safeParse(params);
  if (!parsed.success) badRequest(`Ugyldig værdi for filteret "${parsed.error.issues[0].path.join(".")}"`);
  const { page, ...filters } = parsed.data;
  const [result, years] = await Promise.all([listInitiatives(db, filters, page ?? 1), listAgreementYears(db)]);
  return { ...result, years };
}
