// SØM screens format through the one home, app/i18n/format.ts; this path stays so the SØM components
// (owned by the SØM work) keep their imports.
export { formatCompact, formatDecimal, formatKroner, formatPercent } from "~/i18n/format";
