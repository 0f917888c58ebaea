// Download one calculation version as an Excel workbook (inputs, checklist, results): a resource route.
// Everyone logged in may read calculations, so everyone may download them.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam } from "~/utils/http.server";
import { versionWorkbook } from "./workbook.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  return versionWorkbook(db(), { id: intParam(params.id), cid: intParam(params.cid), vid: intParam(params.vid) });
}
