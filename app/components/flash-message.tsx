// The receipt after a change ("Beslutningen er registreret"), shown at the top of the page it lands on.
// A live region, so a screen reader announces it; the text names what happened, never colour alone.
import { useLocation } from "@remix-run/react";
import { useRootData, useT } from "~/utils/i18n";

export function FlashMessage() {
  const { flash } = useRootData();
  const { pathname } = useLocation();
  const t = useT();
  const shown = flash && flash.path === pathname ? flash : null;
  return (
    <div role="status" aria-live="polite" className="app-flash">
      {shown ? (
        <div className="alert alert-success" data-testid="flash">
          <div className="alert-body"><p className="alert-text">{t(shown.key, shown.params)}</p></div>
        </div>
      ) : null}
    </div>
  );
}
