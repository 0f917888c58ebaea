// The consequence estimate's edit form, and the button that deletes it.
import { useActionData, useLoaderData } from "@remix-run/react";
import { ConsequenceEstimateFields } from "~/components/som-knowledge-fields";
import { DeleteForm, KnowledgeForm, KnowledgeFormPage, useKnowledgeForm } from "~/components/som-knowledge-form";
import { decimalToInput } from "~/schemas/danish-decimal";
import { EditConsequenceEstimateSchema } from "~/schemas/som-knowledge";
import { useT } from "~/utils/i18n";
import type { action, loader } from "./route";

export function EditEstimatePage() {
  const { group, estimate: e } = useLoaderData<typeof loader>();
  const t = useT();
  const { form, fields, conflict } = useKnowledgeForm(EditConsequenceEstimateSchema, useActionData<typeof action>(), {
    label: e.label, consequenceArea: e.consequence_area, kind: e.kind, unit: e.unit,
    deltas: e.deltas.map(decimalToInput).join("; "),
    priceKommune: decimalToInput(e.price_kommune), priceRegion: decimalToInput(e.price_region), priceStat: decimalToInput(e.price_stat),
    priceYear: String(e.price_year), source: e.source, isExample: e.is_example ? "on" : undefined,
  });
  return (
    <KnowledgeFormPage group={group} title={t("somk.estimate.edit")} crumb={e.label} meta={group.name}>
      <KnowledgeForm form={form} conflict={conflict} version={e.version} cancelTo={`/som/viden/${group.id}`}>
        <ConsequenceEstimateFields fields={fields} />
      </KnowledgeForm>
      <DeleteForm version={e.version} label={t("somk.estimate.delete")} />
    </KnowledgeFormPage>
  );
}
