// A React Flow drawing of the SUSI phase model: the four phases (and a combined Screening/modning period
// when the initiative runs one), where this initiative stands, and its predecessor/successor chain.
// Rendered in the browser only; the timeline and chain lists on the page carry the same information as text.
import type { Edge, Node } from "@xyflow/react";
import { arrowClosed, side, useXyflow } from "~/components/xyflow-lazy";
import { PHASES, type PhasePeriod } from "#workflows/phase-model";
import { useT } from "~/utils/i18n";

type LinkedInitiative = { id: number; title: string; phase: PhasePeriod };

const COL = 210;

function shorten(s: string, n = 48) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function buildPhaseFlow(
  current: PhasePeriod,
  predecessors: LinkedInitiative[],
  successors: LinkedInitiative[],
  label: (key: string) => string,
  selfTitle: string,
) {
  const nodes: Node[] = [];
  const edges: Edge[] = [];
  const column = (p: PhasePeriod) => (p === "screening_maturation" ? 0.5 : PHASES.indexOf(p));
  PHASES.forEach((p, i) => {
    const here = current === p;
    nodes.push({
      id: `phase-${p}`,
      position: { x: i * COL, y: 110 },
      data: { label: label(`phase.${p}`) },
      className: here ? "flow-node flow-node--current" : "flow-node",
      sourcePosition: side("right"),
      targetPosition: side("left"),
      draggable: false,
      selectable: false,
    });
    if (i > 0) {
      edges.push({
        id: `gate-${i}`, source: `phase-${PHASES[i - 1]}`, target: `phase-${p}`,
        markerEnd: { type: arrowClosed }, style: { stroke: "#1a1a1a", strokeWidth: 1.5 },
      });
    }
  });
  if (current === "screening_maturation") {
    nodes.push({
      id: "phase-screening_maturation",
      position: { x: 0.5 * COL, y: 30 },
      data: { label: label("phase.screening_maturation") },
      className: "flow-node flow-node--current",
      draggable: false,
      selectable: false,
    });
  }
  nodes.push({
    id: "self",
    position: { x: column(current) * COL - 20, y: 200 },
    data: { label: shorten(selfTitle) },
    className: "flow-node flow-node--self",
    // Predecessors and successors sit below: both handles at the bottom keep the edges short.
    sourcePosition: side("bottom"),
    targetPosition: side("bottom"),
    draggable: false,
    selectable: false,
  });
  predecessors.forEach((p, i) => {
    nodes.push({
      id: `pred-${p.id}`,
      position: { x: column(p.phase) * COL - 40, y: 290 + i * 70 },
      data: { label: shorten(p.title) },
      className: "flow-node flow-node--linked",
      sourcePosition: side("top"),
      draggable: false,
      selectable: false,
    });
    edges.push({ id: `pred-edge-${p.id}`, source: `pred-${p.id}`, target: "self", type: "smoothstep", markerEnd: { type: arrowClosed } });
  });
  successors.forEach((s, i) => {
    nodes.push({
      id: `succ-${s.id}`,
      position: { x: column(s.phase) * COL + 40, y: 290 + (predecessors.length + i) * 70 },
      data: { label: shorten(s.title) },
      className: "flow-node flow-node--linked",
      targetPosition: side("top"),
      draggable: false,
      selectable: false,
    });
    edges.push({ id: `succ-edge-${s.id}`, source: "self", target: `succ-${s.id}`, type: "smoothstep", markerEnd: { type: arrowClosed } });
  });
  return { nodes, edges };
}

export function PhaseFlow(props: { current: PhasePeriod; title: string; predecessors: LinkedInitiative[]; successors: LinkedInitiative[] }) {
  const t = useT();
  const flow = useXyflow();
  const { nodes, edges } = buildPhaseFlow(props.current, props.predecessors, props.successors, t, props.title);
  const height = 300 + (props.predecessors.length + props.successors.length) * 70;
  return (
    <figure className="app-flow-figure">
      {/* inert as well as aria-hidden: React Flow's nodes and attribution link are focusable, and a hidden
          drawing must hold no Tab stops (axe aria-hidden-focus). React 18 has no inert prop; "" renders inert="". */}
      <div className="app-flow" style={{ height }} aria-hidden="true" {...{ inert: "" }} data-testid="phase-flow">
        {flow ? (
          <flow.ReactFlow
            nodes={nodes}
            edges={edges}
            fitView
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            panOnDrag={false}
            zoomOnScroll={false}
            zoomOnPinch={false}
            zoomOnDoubleClick={false}
            preventScrolling={false}
            proOptions={{ hideAttribution: false }}
          >
            <flow.Background gap={24} />
          </flow.ReactFlow>
        ) : null}
      </div>
      <figcaption className="app-meta">
        {t("flow.caption", { phase: t(`phase.${props.current}`) })}
      </figcaption>
    </figure>
  );
}
