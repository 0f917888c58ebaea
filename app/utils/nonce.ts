// The per-request Content-Security-Policy nonce (app/utils/csp.server.ts), handed from entry.server to the
// document so Remix's inline scripts (<Scripts>, <ScrollRestoration>) carry it. In the browser it is undefined:
// browsers hide nonces from the DOM, and the scripts React adds later are external modules ('self').
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
