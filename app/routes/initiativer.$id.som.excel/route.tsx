// An initiative's SØM calculations as Excel workbooks: download any calculation's latest version, and read a
// workbook back in as a new calculation or as a new version of an existing one (program managers only).
// The whole workbook is checked (in a worker thread, DECISIONS 0105) before anything is saved; each problem
// is named by sheet and cell.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, nowIso } from "~/utils/http.server";
import { getLang } from "~/utils/i18n.server";
import { metaT } from "~/utils/i18n";
import { importWorkbookStep, readUpload } from "./import.server";
import { loadExcelPage, loadInitiativeFor } from "./page.server";
import { SomExcelPage } from "./ui";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? `${metaT(matches)("somk.excel.title")} · ${data.initiative.title} · SUSI Tracker` : "SUSI Tracker" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  return loadExcelPage(db(), intParam(params.id));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "som.edit");
  const initiative = await loadInitiativeFor(db(), intParam(params.id));
  const upload = await readUpload(request);
  return importWorkbookStep(db(), { initiativeId: initiative.id, upload, userId: user.id, now: nowIso(), lang: getLang(request) });
}

export default function SomExcelRoute() {
  return <SomExcelPage />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
