// Where people write to the agency about the site (accessibility barriers, their personal data). Set
// CONTACT_EMAIL to the agency's real address in production; the default is the agency's general mailbox.
export function contactEmail(): string {
  const v = process.env.CONTACT_EMAIL?.trim();
  return v && /^[^\s@]+@[^\s@]+$/.test(v) ? v : "sbst@sbst.dk";
}
