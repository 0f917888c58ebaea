// Client and server: the translator for the current page, from the root loader's language.
import { useRouteLoaderData } from "@remix-run/react";
import { translator, type Lang, type Translate } from "~/i18n";
import type { SessionUser } from "./auth.server";
import type { Flash } from "./flash";
import { langFromMatches } from "./feed-links";

export type RootData = { lang: Lang; user: SessionUser | null; flash?: Flash | null };

export function useRootData(): RootData {
  return (useRouteLoaderData("root") as RootData | undefined) ?? { lang: "da", user: null };
}

export function useLang(): Lang {
  return useRootData().lang;
}

export function useT() {
  return translator(useLang());
}

export function useUser() {
  return useRootData().user;
}

/** The translator for a meta function (which cannot use hooks), in the root loader's language: page titles. */
export function metaT(matches: readonly { id: string; data?: unknown }[]): Translate {
  return translator(langFromMatches(matches));
}
