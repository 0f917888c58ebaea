// The absolute base of every link the app writes for somewhere else to follow (the Atom feeds, mails to
// subscribers and users): PUBLIC_BASE_URL, and never the request's Host header, which anyone can set and
// which would then end up in publicly cached feeds and sent mails. Production requires it (server.js
// refuses to start without it, naming the variable); development and tests default to the dev server.
type Env = Record<string, string | undefined>;

export const DEV_BASE_URL = "http://localhost:3000";

/** Why PUBLIC_BASE_URL cannot be used (missing in production, not an http(s) URL), or null when it can. */
export function publicBaseUrlProblem(env: Env = process.env): string | null {
  const configured = env.PUBLIC_BASE_URL?.trim();
  if (!configured) {
    return env.NODE_ENV === "production"
      ? "PUBLIC_BASE_URL is not set. Set it to the address users reach the app on, e.g. PUBLIC_BASE_URL=https://susi.example.dk"
      : null;
  }
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    return `PUBLIC_BASE_URL is not a URL: ${JSON.stringify(configured)}`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `PUBLIC_BASE_URL must start with http:// or https://, not ${url.protocol}`;
  if (url.search || url.hash || url.username || url.password) return "PUBLIC_BASE_URL must be a plain address without query, fragment or credentials";
  return null;
}

/** The configured public base, without a trailing slash. */
export function publicBaseUrl(env: Env = process.env): string {
  const problem = publicBaseUrlProblem(env);
  if (problem) throw new Error(problem);
  return (env.PUBLIC_BASE_URL?.trim() || DEV_BASE_URL).replace(/\/+$/, "");
}

/** The origin (scheme, host, port) of the configured public base. */
export function publicOrigin(env: Env = process.env): string {
  return new URL(publicBaseUrl(env)).origin;
}
