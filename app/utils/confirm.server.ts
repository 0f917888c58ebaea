// The server half of the confirmation step (app/components/confirm-step.tsx): an irreversible form is first
// checked in full, then answered with "are you sure?" and its own fields to post again with confirmed=yes.
// Nothing is written until that second submit arrives. Works without JavaScript: it is just a second form.

export const CONFIRM_FIELD = "confirmed";

export function isConfirmed(form: FormData): boolean {
  return form.get(CONFIRM_FIELD) === "yes";
}

/** The text fields the form sent, to post again; conform's control fields and the confirmation itself are left out. */
export function confirmationFields(form: FormData): [string, string][] {
  const fields: [string, string][] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string" || name === CONFIRM_FIELD || name.startsWith("__")) continue;
    fields.push([name, value]);
  }
  return fields;
}
