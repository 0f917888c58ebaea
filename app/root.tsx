import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from "@remix-run/react";
// dkfds exports only its JS entry, so its stylesheet is imported by file path (Vite bundles the fonts it references).
import dkfdsCss from "../node_modules/dkfds/dist/css/dkfds.min.css?url";
import appCss from "~/styles/app.css?url";
import { getUser } from "~/utils/auth.server";
import { getLang } from "~/utils/i18n.server";
import { readFlash } from "~/utils/flash.server";
import { FlashMessage } from "~/components/flash-message";
import { Header, Footer } from "~/components/layout";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { RootData } from "~/utils/i18n";
import { useNonce } from "~/utils/nonce";
import { zodWithoutEval } from "~/utils/zod-csp";

// Before any route module builds its schemas (root's body runs before the pages' modules): see zod-csp.ts.
zodWithoutEval();

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: dkfdsCss },
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "SUSI Tracker" }];

export async function loader({ request }: LoaderFunctionArgs): Promise<RootData> {
  const [user, lang] = [await getUser(request), getLang(request)];
  const { flash, headers } = readFlash(request);
  // A flash is shown once: the answer that carries it also clears its cookie. Remix hands the page the data either way.
  return headers ? (data({ user, lang, flash }, { headers }) as unknown as RootData) : { user, lang, flash };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  // Read-only public pages (handle.scripts === false) are plain HTML: no JavaScript is sent at all.
  const nonce = useNonce();
  const scripts = !useMatches().some((m) => (m.handle as { scripts?: boolean } | undefined)?.scripts === false);
  return (
    <html lang={data?.lang ?? "da"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Header />
        <main id="main-content" className="container page-container" tabIndex={-1}>
          <FlashMessage />
          {children}
        </main>
        <Footer />
        {scripts ? <><ScrollRestoration nonce={nonce} /><Scripts nonce={nonce} /></> : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
