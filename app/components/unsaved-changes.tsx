// Warns before leaving a form with unsaved changes: the browser's own "leave page?" on reload, close or a
// full navigation (beforeunload), and a confirm on a link inside the app (Remix's blocker). Progressive
// enhancement: without JavaScript the form still works, it just cannot warn.
import { useBlocker } from "@remix-run/react";
import { useEffect, useRef, useState, type RefObject } from "react";

/** `answeredWithError`: the last submit came back refused (400/409), so what the form holds is still unsaved. */
export function useUnsavedChanges(formRef: RefObject<HTMLFormElement | null>, message: string, answeredWithError = false) {
  const [dirty, setDirty] = useState(false);
  const submitting = useRef(false);
  useEffect(() => {
    if (!answeredWithError) return;
    submitting.current = false;
    setDirty(true);
  }, [answeredWithError]);
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const onInput = () => setDirty(true);
    const onSubmit = () => {
      submitting.current = true;
      setDirty(false);
    };
    form.addEventListener("input", onInput);
    form.addEventListener("change", onInput);
    form.addEventListener("submit", onSubmit);
    return () => {
      form.removeEventListener("input", onInput);
      form.removeEventListener("change", onInput);
      form.removeEventListener("submit", onSubmit);
    };
  }, [formRef]);
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
