// The frame of the knowledge database's create and edit pages (target group, consequence estimate, effect
// study): conform set up the same way, the trail down to the target group, heading, conflict and error
// summary, the form with save and cancel, and the delete button. Each entity's fields are in
// som-knowledge-fields.tsx.
import { getFormProps, useForm, type FormMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { ZodType } from "zod";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ConflictAlert, ErrorSummary, isConflict } from "~/components/forms";
import { useT } from "~/utils/i18n";

/**
 * conform for one of the knowledge database's schemas, validated on blur and again on input. The last
 * submission's errors are shown unless the action answered 409, which `conflict` reports instead.
 */
export function useKnowledgeForm(
  schema: ZodType<Record<string, unknown>, Record<string, unknown>>,
  actionData: unknown,
  defaultValue?: Record<string, string | undefined>,
) {
  const conflict = isConflict(actionData);
  const [form, fields] = useForm<Record<string, unknown>>({
    lastResult: conflict ? undefined : (actionData as SubmissionResult<string[]> | undefined),
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return { form, fields, conflict };
}

/** The page: SØM › knowledge database › the target group (when the form belongs to one) › `crumb`, then the heading. */
export function KnowledgeFormPage({ group, title, crumb = title, meta, children }: {
  group?: { id: number; name: string };
  title: string;
  /** The page's own place in the trail; the heading unless given. */
  crumb?: string;
  /** A line under the heading naming what the form belongs to. */
  meta?: string;
  children: ReactNode;
}) {
  const t = useT();
  const trail = [{ to: "/som", label: t("nav.som") }, { to: "/som/viden", label: t("somk.title") }];
  if (group) trail.push({ to: `/som/viden/${group.id}`, label: group.name });
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Breadcrumbs items={[...trail, { label: crumb }]} />
        <h1>{title}</h1>
        {meta ? <p className="app-meta">{meta}</p> : null}
        {children}
      </div>
    </div>
  );
}

/**
 * The form: an edit form carries the `version` it was loaded at (and says "save changes"), a new one does
 * not; cancel goes back to `cancelTo`.
 */
export function KnowledgeForm({ form, conflict = false, version, cancelTo, children }: {
  form: FormMetadata<any, any>;
  conflict?: boolean;
  version?: number;
  cancelTo: string;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <>
      {conflict ? <ConflictAlert /> : null}
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        {version === undefined ? null : <input type="hidden" name="version" value={version} />}
        {children}
        <div className="app-actions">
          <button type="submit" className="button button-primary">{t(version === undefined ? "form.save" : "form.saveChanges")}</button>
          <Link to={cancelTo}>{t("form.cancel")}</Link>
        </div>
      </Form>
    </>
  );
}

/** Deletes the entry at the version the page was loaded at (the action answers a stale one with 409). */
export function DeleteForm({ version, label }: { version: number; label: string }) {
  return (
    <Form method="post" className="app-section">
      <input type="hidden" name="intent" value="delete" />
      <input type="hidden" name="version" value={version} />
      <button type="submit" className="button button-secondary">{label}</button>
    </Form>
  );
}
