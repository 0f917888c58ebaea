// One error page for every route: 404, 403, 400 and 409 get their own wording; anything else a generic one.
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useT } from "~/utils/i18n";

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let title = t("error.generic.title");
  let text = t("error.generic.text");
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (status === 404) [title, text] = [t("error.notFound.title"), t("error.notFound.text")];
    else if (status === 403) [title, text] = [t("error.forbidden.title"), t("error.forbidden.text")];
    else if (status === 409) [title, text] = [t("error.conflict"), ""];
    else if (status === 400) [title, text] = [t("error.badRequest.title"), typeof error.data?.message === "string" ? error.data.message : ""];
  } else if (typeof document !== "undefined") {
    // Shown in the browser console for whoever debugs; the page itself says nothing technical.
    console.error(error);
  }
  return (
    <div className="app-error" data-status={status}>
      <h1>{title}</h1>
      {text ? <p>{text}</p> : null}
      <p><a href="/">{t("error.backHome")}</a></p>
    </div>
  );
}
