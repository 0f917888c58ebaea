// A new SØM calculation for one of the initiative's phases, from scratch: the editor with SØM's defaults.
// The action validates the whole form (calculation, spreads, checklist) and writes version 1.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getInitiative } from "#db/queries/initiatives";
import { createCalculation } from "#db/queries/som";
import { PHASE_PERIODS } from "#workflows/phase-model";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SomEditor } from "~/components/som/editor";
import somCss from "~/components/som/som.css?url";
import { blankSomFormDefaults, SCENARIOS, somFormSchema } from "~/schemas/som-form";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound, nowIso, readForm } from "~/utils/http.server";
import { metaT, useT } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { versionSimulation } from "~/som/montecarlo";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: somCss }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const title = metaT(matches)("som.new.title");
  return [{ title: data ? `${title}: ${data.initiative.title} · SUSI Tracker` : `${title} · SUSI Tracker` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "som.edit");
  const initiative = await getInitiative(db(), intParam(params.id));
  if (!initiative) notFound();
  const scenario = SCENARIOS.find((s) => s === new URL(request.url).searchParams.get("scenarie"));
  return {
    initiative: { id: initiative.id, title: initiative.title, phase: initiative.phase },
    defaults: blankSomFormDefaults({ phase: initiative.phase, scenario }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "som.edit");
  const id = intParam(params.id);
  if (!(await getInitiative(db(), id))) notFound();
  const submission = parseWithZod(await readForm(request), { schema: somFormSchema(getT(request), "create") });
  // No status: an add/remove-row button posted without JavaScript; answer with the new rows, not an error.
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: submission.status ? 400 : 200 });
  const v = submission.value;
  const { calculationId } = await db().transaction().execute((trx) =>
    createCalculation(trx, {
      initiativeId: id, phase: v.phase!, scenario: v.scenario, title: v.title, input: v.input, checklist: v.checklist, spreads: v.spreads,
      uncertainty: versionSimulation(v.input, v.spreads),
    }, user.id, nowIso()),
  );
  return redirect(`/initiativer/${id}/som/${calculationId}?gemt=1`);
}

export default function NewCalculationPage() {
  const { initiative, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <Breadcrumbs items={[{ to: `/initiativer/${initiative.id}`, label: initiative.title }, { label: t("som.new.title") }]} />
      <h1>{t("som.new.title")}</h1>
      <p>{t("som.new.intro")}</p>
      <SomEditor
        mode="create" defaultValue={defaults} lastResult={actionData?.result} phases={PHASE_PERIODS}
        submitLabel={t("som.new.submit")}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
