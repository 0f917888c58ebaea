// React Flow, loaded after hydration. Both drawings (the phase model on an initiative page, the portfolio's
// lineage) are drawn in the browser only, after mount, with the same information as text on the page; so the
// library (about 60 KB gzip) need not be in the page's first-load JavaScript (issue 11). The builders use the
// string values of React Flow's enums, typed through `import type`, so nothing of it is imported eagerly.
import { useEffect, useState } from "react";
import type { MarkerType, Position } from "@xyflow/react";

export type Xyflow = typeof import("@xyflow/react");

export const side = (p: "left" | "right" | "top" | "bottom") => p as unknown as Position;
export const arrowClosed = "arrowclosed" as unknown as MarkerType;

/** The React Flow module once it has loaded in the browser; null on the server and until then. */
export function useXyflow(): Xyflow | null {
  const [mod, setMod] = useState<Xyflow | null>(null);
  useEffect(() => {
    let live = true;
    void import("@xyflow/react").then((m) => { if (live) setMod(m); });
    return () => { live = false; };
  }, []);
  return mod;
}
