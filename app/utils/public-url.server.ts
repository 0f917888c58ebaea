// The absolute base of public links (feeds, subscribers' notices): PUBLIC_BASE_URL when the site runs behind
// a proxy that hides its public name, otherwise the origin the request came in on.
export function publicBaseUrl(request: Request): string {
  const configured = process.env.PUBLIC_BASE_URL?.trim();
  return (configured || new URL(request.url).origin).replace(/\/+$/, "");
}
