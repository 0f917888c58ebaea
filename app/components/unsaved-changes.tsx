// Warns before leaving a page whose forms hold unsaved changes: the browser's own "leave page?" on reload,
// close or a full navigation (beforeunload), and a confirm on a link inside the app (Remix's blocker; a
// router has one blocker, so a page calls this once for all its forms). A form takes part by carrying
// data-warn-unsaved. Progressive enhancement: without JavaScript the forms still work, they just cannot warn.
import { useBlocker } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

export const WARN_UNSAVED = { "data-warn-unsaved": "" } as const;

/** `answeredWithError`: the last submit came back refused (400/409), so what the forms hold is still unsaved. */
export function useUnsavedChanges(message: string, answeredWithError = false) {
  const [dirty, setDirty] = useState(false);
  const submitting = useRef(false);
  useEffect(() => {
    if (!answeredWithError) return;
    submitting.current = false;
    setDirty(true);
  }, [answeredWithError]);
  useEffect(() => {
    const guarded = (event: Event) => (event.target instanceof Element ? event.target.closest("form[data-warn-unsaved]") : null);
    // Typing again after a save makes the page unsaved again.
    const onInput = (event: Event) => {
      if (!guarded(event)) return;
      submitting.current = false;
      setDirty(true);
    };
    const onSubmit = (event: Event) => {
      if (!guarded(event)) return;
      submitting.current = true;
      setDirty(false);
    };
    document.addEventListener("input", onInput);
    document.addEventListener("change", onInput);
    document.addEventListener("submit", onSubmit);
    return () => {
      document.removeEventListener("input", onInput);
      document.removeEventListener("change", onInput);
      document.removeEventListener("submit", onSubmit);
    };
  }, []);
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = message;
      return message;
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty, message]);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && !submitting.current && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(message)) blocker.proceed();
    else blocker.reset();
  }, [blocker, message]);
  return dirty;
}
