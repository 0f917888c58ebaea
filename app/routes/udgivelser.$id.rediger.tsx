// Edit a release draft (and, for a later edition, whether it is major or minor). Knowledge staff only;
// the workflow allows it for drafts alone, and makes a second editor a contributor who may not review it.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConflictError } from "#db/errors";
import { getRelease, saveReleaseState, toReleaseState } from "#db/queries/releases";
import { EDITION_KINDS, editDraft } from "#workflows/release";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConflictAlert, ErrorSummary, RadioField } from "~/components/forms";
import { ReleaseContentFields } from "~/components/release-fields";
import { EditReleaseSchema } from "~/schemas/release";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound, nowIso, readForm } from "~/utils/http.server";
import { metaT, useT } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { refusalErrors, releaseRefusalMessage } from "~/utils/release-text";

const CONTENT_FIELDS = ["title", "summary", "bodyMarkdown", "audiences", "area", "topics", "maturity"];

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("releases.edit.title")} · SUSI Tracker` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "release.edit");
  const release = await getRelease(db(), intParam(params.id));
  if (!release) notFound();
  return { release };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "release.edit");
  const id = intParam(params.id);
  if (!(await getRelease(db(), id))) notFound();
  const submission = parseWithZod(await readForm(request), { schema: EditReleaseSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), refusals: [] as string[], conflict: false }, { status: 400 });
  const { version, editionKind, ...content } = submission.value;
  try {
    const refusals = await db().transaction().execute(async (trx) => {
      const before = await getRelease(trx, id);
      if (!before || before.version !== version) throw new ConflictError("release", id);
      const result = editDraft(toReleaseState(before, user.id), user, {
        content: { ...content, maturity: content.maturity ?? null },
        ...(before.edition > 1 && editionKind ? { editionKind } : {}),
      });
      if (!result.ok) return result.refusals;
      await saveReleaseState(trx, before, version, result.value, "release.edited", user.id, nowIso());
      return [];
    });
    if (refusals.length === 0) return redirect(`/udgivelser/${id}`);
    const t = getT(request);
    const messages = refusals.map((r) => releaseRefusalMessage(r, t));
    return data({ result: submission.reply(refusalErrors(refusals, messages, CONTENT_FIELDS)), refusals: messages, conflict: false }, { status: 409 });
  } catch (error) {
    if (error instanceof ConflictError) return data({ result: submission.reply(), refusals: [] as string[], conflict: true }, { status: 409 });
    throw error;
  }
}

export default function EditRelease() {
  const { release: r } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: `edit-release-${r.id}`,
    lastResult: actionData?.conflict ? undefined : actionData?.result,
    defaultValue: {
      title: r.title, summary: r.summary, bodyMarkdown: r.body_md, audiences: r.audiences, area: r.area,
      topics: r.topics.join(", "), maturity: r.maturity ?? undefined, editionKind: r.edition_kind ?? undefined, version: String(r.version),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditReleaseSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-9">
        <Breadcrumbs items={[{ to: "/udgivelser", label: t("releases.list.title") }, { to: `/udgivelser/${r.id}`, label: r.title || t("releases.untitled") }, { label: t("common.edit") }]} />
        <h1>{t("releases.edit.title")}</h1>
        {r.status !== "draft" ? (
          <div className="alert alert-info"><div className="alert-body"><p className="alert-text">{t("releases.edit.onlyDrafts")}</p></div></div>
        ) : null}
        {actionData?.conflict ? <ConflictAlert /> : null}
        <ErrorSummary form={form} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="version" value={String(r.version)} />
          {r.edition > 1 ? (
            <RadioField
              meta={fields.editionKind} legend={t("releases.field.editionKind")}
              options={EDITION_KINDS.map((k) => ({ value: k, label: t(`editionKind.${k}`), hint: t(`editionKind.${k}.explain`) }))}
            />
          ) : null}
          <ReleaseContentFields fields={fields} />
          <div className="app-actions">
            <button type="submit" className="button button-primary">{t("releases.edit.save")}</button>
            <Link to={`/udgivelser/${r.id}`}>{t("form.cancel")}</Link>
          </div>
        </Form>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
