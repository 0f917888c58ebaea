// The effect study's edit form, and the button that deletes it.
import { useActionData, useLoaderData } from "@remix-run/react";
import { EffectStudyFields } from "~/components/som-knowledge-fields";
import { DeleteForm, KnowledgeForm, KnowledgeFormPage, useKnowledgeForm } from "~/components/som-knowledge-form";
import { rateToPercentInput } from "~/schemas/danish-decimal";
import { EditEffectStudySchema } from "~/schemas/som-knowledge";
import { useT } from "~/utils/i18n";
import type { action, loader } from "./route";

export function EditStudyPage() {
  const { group, study: s } = useLoaderData<typeof loader>();
  const t = useT();
  const { form, fields, conflict } = useKnowledgeForm(EditEffectStudySchema, useActionData<typeof action>(), {
    intervention: s.intervention, rateWith: rateToPercentInput(s.rate_with), rateWithout: rateToPercentInput(s.rate_without),
    evidenceLevel: String(s.evidence_level), citation: s.citation, isExample: s.is_example ? "on" : undefined,
  });
  return (
    <KnowledgeFormPage group={group} title={t("somk.study.edit")} crumb={s.intervention} meta={group.name}>
      <KnowledgeForm form={form} conflict={conflict} version={s.version} cancelTo={`/som/viden/${group.id}`}>
        <EffectStudyFields fields={fields} />
      </KnowledgeForm>
      <DeleteForm version={s.version} label={t("somk.study.delete")} />
    </KnowledgeFormPage>
  );
}
