// ESLint rule: a route module exports only what Remix reads. Anything else (a helper, a refusal text, a
// constant "exported for the tests") belongs in a *.server.ts step, a ui.tsx, or a module of its own:
// Remix and Vite treat every export of a route module as part of the route (code splitting, HMR).
// Type-only exports are erased at build time and are allowed.
export const REMIX_ROUTE_EXPORTS = new Set([
  "default", "loader", "action", "meta", "links", "headers", "handle", "ErrorBoundary", "HydrateFallback",
  "shouldRevalidate", "clientLoader", "clientAction", "Layout",
]);

/** @type {import("eslint").Rule.RuleModule} */
export const routeExports = {
  meta: {
    type: "problem",
    docs: { description: "Route modules export only what Remix reads" },
    messages: {
      notRemix: "Route modules export only what Remix reads; move '{{name}}' to a *.server.ts step, ui.tsx or a module of its own.",
    },
    schema: [],
  },
  create(context) {
    const report = (node, name) => {
      if (!REMIX_ROUTE_EXPORTS.has(name)) context.report({ node, messageId: "notRemix", data: { name } });
    };
    return {
      ExportNamedDeclaration(node) {
        if (node.exportKind === "type") return;
        const d = node.declaration;
        if (d) {
          if (d.type === "TSTypeAliasDeclaration" || d.type === "TSInterfaceDeclaration" || d.declare) return;
          if (d.type === "VariableDeclaration") {
            for (const v of d.declarations) if (v.id.type === "Identifier") report(v.id, v.id.name);
          } else if (d.id) report(d.id, d.id.name);
        }
        for (const s of node.specifiers ?? []) {
          if (s.exportKind === "type") continue;
          report(s, s.exported.type === "Identifier" ? s.exported.name : String(s.exported.value));
        }
      },
      ExportAllDeclaration(node) {
        if (node.exportKind !== "type") context.report({ node, messageId: "notRemix", data: { name: "*" } });
      },
    };
  },
};

export default { rules: { "route-exports": routeExports } };
