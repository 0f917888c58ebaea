// One SØM calculation: for program managers the editor (live results, uncertainty, save as a new
// version); for everyone else its latest version read-only. Both list the versions, who and when.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getInitiative } from "#db/queries/initiatives";
import { getCalculation, listCalculationVersions, saveCalculationVersion } from "#db/queries/som";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CalculationView, InvalidStoredCalculation } from "~/components/som/calculation-view";
import { SomEditor } from "~/components/som/editor";
import somCss from "~/components/som/som.css?url";
import { formatDateTime } from "~/i18n";
import { somFormDefaults, somFormSchema } from "~/schemas/som-form";
import { parseSomInput } from "~/som/schema";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound, nowIso, readForm, withConflictCheck } from "~/utils/http.server";
import { can } from "~/utils/permissions";
import { useLang, useT } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { versionSimulation } from "~/som/montecarlo";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: somCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.calculation.title} (SØM) · SUSI Tracker` : "SUSI Tracker" },
];

/** The calculation if it belongs to the initiative in the URL; 404 otherwise. */
async function loadCalculation(params: { id?: string; cid?: string }) {
  const id = intParam(params.id);
  const [initiative, calculation] = await Promise.all([getInitiative(db(), id), getCalculation(db(), intParam(params.cid))]);
  if (!initiative || !calculation || calculation.initiative_id !== id) notFound();
  return { initiative, calculation };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { initiative, calculation: c } = await loadCalculation(params);
  const versions = await listCalculationVersions(db(), c.id);
  // Re-read through the schema: the page shows (and edits) what the engine accepts, never raw JSON.
  const parsed = parseSomInput(c.latest.input);
  return {
    initiative: { id: initiative.id, title: initiative.title },
    calculation: { id: c.id, title: c.title, scenario: c.scenario, phase: c.phase, version: c.version, latest: c.latest },
    input: parsed.ok ? parsed.value : null,
    storedErrors: parsed.ok ? null : parsed.errors,
    versions,
    canEdit: can(user, "som.edit"),
    defaults: parsed.ok
      ? somFormDefaults(parsed.value, c.latest.checklist, c.latest.spreads, { title: c.title, scenario: c.scenario, version: c.version })
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "som.edit");
  const { initiative, calculation } = await loadCalculation(params);
  const submission = parseWithZod(await readForm(request), { schema: somFormSchema(getT(request), "edit") });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: submission.status ? 400 : 200 });
  const v = submission.value;
  const saved = await withConflictCheck(() =>
    db().transaction().execute((trx) =>
      saveCalculationVersion(trx, calculation.id, v.version!, {
        input: v.input, checklist: v.checklist, spreads: v.spreads, title: v.title, scenario: v.scenario,
        uncertainty: versionSimulation(v.input, v.spreads),
      }, user.id, nowIso()),
    ),
  );
  if (!("versionId" in saved)) return saved;
  return redirect(`/initiativer/${initiative.id}/som/${calculation.id}?gemt=${v.version! + 1}`);
}

export default function CalculationPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const lang = useLang();
  const c = d.calculation;
  const saved = params.get("gemt");
  return (
    <>
      <Breadcrumbs items={[{ to: `/initiativer/${d.initiative.id}`, label: d.initiative.title }, { label: c.title }]} />
      <div className="app-page-head">
        <div>
          <h1>{c.title}</h1>
          <p className="app-meta">
            {t("som.calculation.meta", {
              phase: t(`phase.${c.phase}`), scenario: t(`som.scenario.${c.scenario}`), n: c.latest.number,
              when: formatDateTime(c.latest.created_at, lang), who: c.latest.created_by_name ?? t("common.unknown"),
            })}
          </p>
        </div>
        <div className="app-actions">
          <Link to={`/initiativer/${d.initiative.id}/som/sammenlign?fase=${c.phase}`}>{t("som.compare.link", { phase: t(`phase.${c.phase}`) })}</Link>
        </div>
      </div>
      {saved && saved === String(c.latest.number) ? (
        <div className="alert alert-success" role="status"><div className="alert-body"><p className="alert-text">{t("som.saved", { n: saved })}</p></div></div>
      ) : null}
      {!d.input || !d.defaults ? <InvalidStoredCalculation errors={d.storedErrors ?? []} /> : d.canEdit ? (
        <SomEditor
          key={c.version} mode="edit" defaultValue={d.defaults}
          lastResult={actionData && "result" in actionData ? actionData.result : undefined}
          conflict={!!actionData && "conflict" in actionData}
          submitLabel={t("som.edit.submit", { n: c.version + 1 })}
        />
      ) : (
        <CalculationView input={d.input} checklist={c.latest.checklist} spreads={c.latest.spreads} />
      )}
      <section className="app-section" aria-labelledby="som-versioner">
        <h2 id="som-versioner">{t("som.versions.title")}</h2>
        <ol reversed>
          {d.versions.map((v) => (
            <li key={v.id}>
              <Link to={`/initiativer/${d.initiative.id}/som/${c.id}/v/${v.id}`}>{t("som.versionN", { n: v.number })}</Link>{" "}
              <span className="app-meta">{formatDateTime(v.created_at, lang)} {v.created_by_name ? t("common.by", { name: v.created_by_name }) : ""}</span>
              {" · "}
              <a href={`/initiativer/${d.initiative.id}/som/${c.id}/v/${v.id}.xlsx`} download>
                {t("som.versions.xlsx")}<span className="visually-hidden"> ({t("som.versionN", { n: v.number })})</span>
              </a>
              {d.canEdit ? (
                <>
                  {" · "}
                  <Link to={`/som/erfaringer/udgiv?version=${v.id}`}>
                    {t("som.versions.publish")}<span className="visually-hidden"> ({t("som.versionN", { n: v.number })})</span>
                  </Link>
                </>
              ) : null}
            </li>
          ))}
        </ol>
        <p><Link to={`/initiativer/${d.initiative.id}/som/excel`}>{t("som.versions.excelPage")}</Link></p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
