// A translated sentence with a link (or any element) where its "{name}" placeholder stands, so the words
// around the link stay whole in both languages.
import type { ReactNode } from "react";

export function WithLink({ text, name, children }: { text: string; name: string; children: ReactNode }) {
  const at = text.indexOf(`{${name}}`);
  if (at < 0) return <>{text}</>;
  return <>{text.slice(0, at)}{children}{text.slice(at + name.length + 2)}</>;
}
