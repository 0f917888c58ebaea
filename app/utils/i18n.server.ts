// The reader's language: the `lang` cookie (set by the language switch), Danish by default.
import { isLang, translator, type Lang } from "~/i18n";
import { readCookie } from "./auth.server";

export function getLang(request: Request): Lang {
  const v = readCookie(request, "lang");
  return isLang(v) ? v : "da";
}

export function getT(request: Request) {
  return translator(getLang(request));
}
