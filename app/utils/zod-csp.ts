// zod 4 compiles object parsers with `new Function` when it may, and probes whether it may by trying it: under
// our CSP (no 'unsafe-eval') the probe is refused and the browser reports a CSP violation on every page with a
// form. Turned off (jitless) before any schema is built; the parsing is the same, only without compiled code.
import { z } from "zod";

export function zodWithoutEval() {
  z.config({ jitless: true });
}
