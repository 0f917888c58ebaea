// Remix's default Node server entry (streaming, bots get the whole document), plus these additions:
// - every document gets a Content-Security-Policy with a fresh nonce (csp.server.ts), passed to Remix's and
//   React's inline scripts; a logged-in user's pages and data answers are Cache-Control: private, no-store;
// - the rendered bytes pass through reactUtf8Fix: React 18's renderer emits stray NUL bytes at its
//   2048-byte view boundaries before multi-byte characters (see utf8-stream.server.ts);
// - routes with `handle: { publicCache: true }` (the public portal) get ETag/Last-Modified, 304s, and
//   anonymous readers a shared rendered body until the next publication (http-cache.server.ts);
// - routes with `handle: { pageCache: true }` keep their rendered HTML for logged-in readers until the
//   database changes (page-cache.server.ts; server.js answers the hits before Remix runs). A stored page is
//   replayed with the headers it was rendered with, its CSP nonce included, so its scripts still run;
// - it re-exports startOutboxWorker, the request guard and lookupPage so that server.js can start the mail
//   delivery loop, check requests and ask the page cache with the server build's code (build.entry.module)
//   without a second bundle or process.
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { readCookie, SESSION_COOKIE } from "./utils/auth.server";
import { contentSecurityPolicy, newNonce } from "./utils/csp.server";
import { db } from "./utils/db.server";
import {
  cachedBody, isNotModified, notModifiedResponse, publicValidators, responseFrom, setValidatorHeaders, storeBody,
} from "./utils/http-cache.server";
import { NonceContext } from "./utils/nonce";
import { storePage, type PageCacheContext } from "./utils/page-cache.server";
import { reactUtf8Fix } from "./utils/utf8-stream.server";

export { startOutboxWorker } from "./utils/outbox-worker.server";
export * as requestGuard from "./utils/request-guard.server";
export { lookupPage } from "./utils/page-cache.server";

const ABORT_DELAY = 5_000;

function usesPublicCache(context: EntryContext): boolean {
  return context.staticHandlerContext.matches.some((m) => {
    const handle = context.routeModules[m.route.id]?.handle as { publicCache?: boolean } | undefined;
    return handle?.publicCache === true;
  });
}

function usesPageCache(context: EntryContext): boolean {
  return context.staticHandlerContext.matches.some((m) => {
    const handle = context.routeModules[m.route.id]?.handle as { pageCache?: boolean } | undefined;
    return handle?.pageCache === true;
  });
}

/** Single-fetch data answers (client navigations) of a logged-in user are not stored either. */
export function handleDataRequest(response: Response, { request }: { request: Request }) {
  if (readCookie(request, SESSION_COOKIE) && !response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "private, no-store");
  return response;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext?: AppLoadContext,
) {
  const nonce = newNonce();
  responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  // Pages for a logged-in user are theirs alone: never stored by a browser or proxy cache. The public
  // portal keeps its own validators (http-cache.server.ts).
  const loggedIn = !!(remixContext.staticHandlerContext.loaderData?.root as { user?: unknown } | undefined)?.user;
  if (loggedIn && !usesPublicCache(remixContext)) responseHeaders.set("Cache-Control", "private, no-store");
  const pageCache = (loadContext as { pageCache?: PageCacheContext } | undefined)?.pageCache;
  if (pageCache && responseStatusCode === 200 && request.method === "GET" && usesPageCache(remixContext)) {
    const response = await render(request, responseStatusCode, responseHeaders, remixContext, true, nonce);
    const body = new Uint8Array(await response.arrayBuffer());
    await storePage(pageCache, response.status, response.headers, body);
    return new Response(body, { status: response.status, headers: response.headers });
  }
  if (responseStatusCode === 200 && request.method === "GET" && usesPublicCache(remixContext)) {
    const validators = await publicValidators(db(), request);
    setValidatorHeaders(responseHeaders, validators);
    if (isNotModified(request, validators)) return notModifiedResponse(responseHeaders);
    const hit = cachedBody(request, validators);
    if (hit) return responseFrom(hit, request);
    if (validators.shareable) {
      const response = await render(request, responseStatusCode, responseHeaders, remixContext, true, nonce);
      const body = new Uint8Array(await response.arrayBuffer());
      storeBody(request, validators, response.status, response.headers, body);
      return new Response(body, { status: response.status, headers: response.headers });
    }
  }
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return render(request, responseStatusCode, responseHeaders, remixContext, waitForAll, nonce);
}

function render(
  request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, waitForAll: boolean, nonce: string,
) {
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const ready = () => {
      shellRendered = true;
      const body = reactUtf8Fix();
      responseHeaders.set("Content-Type", "text/html");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        ...(waitForAll ? { onAllReady: ready } : { onShellReady: ready }),
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell is rendered reject and are logged by Remix; only log streaming ones.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
