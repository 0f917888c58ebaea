// The Content-Security-Policy of every HTML answer (DECISIONS 0032). Scripts: our own files and the inline
// scripts carrying this answer's nonce, nothing else (no 'unsafe-inline', no eval). The SØM uncertainty
// worker is a bundled file (worker-src 'self'). Styles allow inline style attributes: React Flow positions
// its nodes and edges with them and the charts size bars with them; stylesheets are our own files.
import { randomBytes } from "node:crypto";

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export function contentSecurityPolicy(nonce: string, development = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    // The Vite dev server's hot reload talks over a WebSocket on its own port.
    development ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "worker-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}
