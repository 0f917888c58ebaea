// Beside a release editor's Markdown: the preview of the public page (the same ReleaseArticle the public page
// renders, from the same server renderer) and the internal texts of the decision and the SUSI assessment as a
// read-only reference. With JavaScript the preview follows typing (a fetcher posts intent=preview, which writes
// nothing); without it the form's "Vis forhåndsvisning" button does the same by a full page answer.
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ReleaseArticle, type ReleaseArticleData } from "~/components/release-view";
import { formatDate } from "~/i18n";
import { useLang, useT } from "~/utils/i18n";
import type { InternalReference } from "~/utils/release-text";

/** The preview button: submits the form with intent=preview and without the browser's or conform's checks. */
export function PreviewButton() {
  const t = useT();
  return (
    <button type="submit" name="intent" value="preview" formNoValidate className="button button-secondary" data-testid="preview-button">
      {t("releases.action.preview")}
    </button>
  );
}

export function ReleasePreview({ formId, preview }: { formId: string; preview: ReleaseArticleData }) {
  const t = useT();
  const fetcher = useFetcher<{ preview?: ReleaseArticleData | null }>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const submit = fetcher.submit;
  useEffect(() => {
    const form = document.getElementById(formId) as HTMLFormElement | null;
    if (!form) return;
    const onInput = () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const body = new FormData(form);
        body.set("intent", "preview");
        submit(body, { method: "post", action: form.getAttribute("action") ?? undefined });
      }, 400);
    };
    form.addEventListener("input", onInput);
    form.addEventListener("change", onInput);
    return () => {
      clearTimeout(timer.current);
      form.removeEventListener("input", onInput);
      form.removeEventListener("change", onInput);
    };
  }, [formId, submit]);
  const shown = fetcher.data?.preview ?? preview;
  return (
    <section className="app-preview" aria-labelledby="preview-heading" data-testid="live-preview" data-state={fetcher.state}>
      <h2 id="preview-heading">{t("releases.preview.heading")}</h2>
      <p className="form-hint">{t("releases.preview.hint")}</p>
      <div className="app-preview-page">
        <ReleaseArticle d={shown} titleAs="h2" />
      </div>
    </section>
  );
}

/** The internal texts: read, never copied into the release by the system. */
export function InternalReferencePanel({ internal }: { internal: InternalReference | null }) {
  const t = useT();
  const lang = useLang();
  if (!internal) return null;
  const { decision, assessment } = internal;
  return (
    <aside className="app-internal-reference" aria-labelledby="internal-heading" data-testid="internal-reference">
      <h2 id="internal-heading">{t("releases.internal.heading")}</h2>
      <p className="form-hint">{t("releases.internal.intro")}</p>
      <dl className="app-dl">
        {decision ? (<><dt>{t("releases.internal.decision")}</dt><dd>{decision.outcome} · {formatDate(decision.decidedAt, lang)}</dd></>) : null}
        {decision?.rationale ? (<><dt>{t("releases.internal.rationale")}</dt><dd className="app-prewrap">{decision.rationale}</dd></>) : null}
        {assessment?.overall ? (<><dt>{t("releases.internal.overall")}</dt><dd className="app-prewrap">{assessment.overall}</dd></>) : null}
        {assessment?.recommendation ? (<><dt>{t("releases.internal.recommendation")}</dt><dd className="app-prewrap">{assessment.recommendation}</dd></>) : null}
      </dl>
      {assessment?.criteria.length ? (
        <>
          <h3>{t("releases.internal.criteria")}</h3>
          <ul>
            {assessment.criteria.map((c) => (
              <li key={c.criterion}><strong>{c.criterion}:</strong> {c.judgement}.{c.justification ? ` ${c.justification}` : ""}</li>
            ))}
          </ul>
        </>
      ) : null}
    </aside>
  );
}
