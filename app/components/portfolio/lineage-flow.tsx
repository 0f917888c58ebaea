// The whole portfolio's predecessor/successor graph with React Flow: one column per first agreement year,
// nodes in phase colours (with the phase as text), each a link to its initiative. Drawn in the browser
// only; the list beside it carries the same links as text and is what prints and what works without JS.
import type { Edge, Node, NodeProps } from "@xyflow/react";
import { arrowClosed, side, useXyflow, type Xyflow } from "~/components/xyflow-lazy";
import type { PhasePeriod } from "#workflows/phase-model";
import { PHASE_COLOURS } from "~/components/portfolio/phase-colours";
import { useT } from "~/utils/i18n";

export interface LineageNodeData {
  id: number;
  title: string;
  phase: PhasePeriod;
  first_year: number | null;
  in_filter: boolean;
}

type FlowNode = Node<{ item: LineageNodeData; phaseLabel: string; outsideLabel: string }, "initiative">;

const COL = 250;
const ROW = 86;

function shorten(s: string, n = 60) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function InitiativeNode({ data, Handle }: NodeProps<FlowNode> & { Handle: Xyflow["Handle"] }) {
  const { item } = data;
  return (
    <div className={item.in_filter ? "pf-flow-node" : "pf-flow-node pf-flow-node--outside"} style={{ borderLeftColor: PHASE_COLOURS[item.phase] }}>
      <Handle type="target" position={side("left")} isConnectable={false} />
      <a href={`/initiativer/${item.id}`} title={item.title}>{shorten(item.title)}</a>
      <span className="pf-flow-node__phase">{data.phaseLabel}{item.in_filter ? "" : ` · ${data.outsideLabel}`}</span>
      <Handle type="source" position={side("right")} isConnectable={false} />
    </div>
  );
}

// Built once the module has loaded, and kept: React Flow warns when nodeTypes changes identity.
let nodeTypes: { initiative: (p: NodeProps<FlowNode>) => JSX.Element } | null = null;
function nodeTypesFor(flow: Xyflow) {
  nodeTypes ??= { initiative: (p: NodeProps<FlowNode>) => <InitiativeNode {...p} Handle={flow.Handle} /> };
  return nodeTypes;
}

/** Positions: x by first agreement year, y by order within the year. */
export function layoutLineage(nodes: readonly LineageNodeData[], edges: readonly { predecessor_id: number; successor_id: number }[], label: (k: string) => string) {
  const years = [...new Set(nodes.map((n) => n.first_year ?? 0))].sort((a, b) => a - b);
  const rowInYear = new Map<number, number>();
  const flowNodes: FlowNode[] = nodes.map((n) => {
    const year = n.first_year ?? 0;
    const row = rowInYear.get(year) ?? 0;
    rowInYear.set(year, row + 1);
    return {
      id: String(n.id), type: "initiative", position: { x: years.indexOf(year) * COL, y: 40 + row * ROW },
      data: { item: n, phaseLabel: label(`phase.${n.phase}`), outsideLabel: label("portfolio.lineage.outside") },
      draggable: false, selectable: false, focusable: false,
    };
  });
  const yearNodes: Node[] = years.map((y, k) => ({
    id: `year-${y}`, position: { x: k * COL, y: 0 }, data: { label: y ? `UIP ${y}` : "–" }, className: "pf-flow-year",
    draggable: false, selectable: false, focusable: false, connectable: false,
  }));
  const flowEdges: Edge[] = edges.map((e) => ({
    id: `${e.predecessor_id}-${e.successor_id}`, source: String(e.predecessor_id), target: String(e.successor_id),
    markerEnd: { type: arrowClosed }, focusable: false, style: { stroke: "#1a1a1a", strokeWidth: 1.5 },
  }));
  const height = 80 + Math.max(1, ...rowInYear.values()) * ROW;
  return { nodes: [...yearNodes, ...flowNodes] as Node[], edges: flowEdges, height };
}

export function LineageFlow(props: { nodes: readonly LineageNodeData[]; edges: readonly { predecessor_id: number; successor_id: number }[] }) {
  const t = useT();
  const flow = useXyflow();
  const { nodes, edges, height } = layoutLineage(props.nodes, props.edges, t);
  return (
    <figure className="app-flow-figure pf-lineage-figure">
      <div className="app-flow pf-lineage" style={{ height: Math.min(height, 900) }} data-testid="lineage-flow" aria-label={t("portfolio.lineage.graphLabel")} role="group">
        {flow ? (
          <flow.ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypesFor(flow)}
            fitView
            nodesDraggable={false}
            nodesConnectable={false}
            nodesFocusable={false}
            edgesFocusable={false}
            elementsSelectable={false}
            zoomOnScroll={false}
            preventScrolling={false}
            disableKeyboardA11y
            proOptions={{ hideAttribution: false }}
          />
        ) : null}
      </div>
      <figcaption className="app-meta">{t("portfolio.lineage.caption")}</figcaption>
    </figure>
  );
}
