// Phase colours shared by the timeline, the lineage graph, the charts and the legends; always with a text
// label too. A module of its own so that a page using the colours does not load the timeline with them.
import type { PhasePeriod } from "#workflows/phase-model";

export const PHASE_COLOURS: Record<PhasePeriod, string> = {
  screening: "#6b3fa0",
  screening_maturation: "#9b3f74",
  maturation: "#0059b3",
  trial: "#1a7a3c",
  dissemination: "#8a5a00",
};
