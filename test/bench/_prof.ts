import { createDb } from "../../db/client";
import * as P from "../../db/queries/portfolio";
const db = createDb("data/bench/bench-10k.db");
async function t(name: string, f: () => Promise<unknown>) {
  await f();
  const xs: number[] = [];
  for (let i = 0; i < 5; i++) { const a = process.cpuUsage(); await f(); const b = process.cpuUsage(a); xs.push((b.user + b.system) / 1000); }
  xs.sort((a, b) => a - b);
  console.log(name.padEnd(30), "cpu", xs[2].toFixed(1), "ms");
}
const f = {};
const g = { area: "adults" as const, phase: "trial" as const };
await t("headline", () => P.headlineFigures(db, f));
await t("funnel", () => P.funnel(db, f));
await t("timeInPhase", () => P.timeInPhase(db, f));
await t("headline f", () => P.headlineFigures(db, g));
await t("funnel f", () => P.funnel(db, g));
await t("timeInPhase f", () => P.timeInPhase(db, g));
await t("rows page", () => P.listPortfolioRows(db, f, { limit: 100, offset: 0 }));
await t("bubbleRows", () => P.bubbleRows(db, f));
await t("lineage 2024", () => P.lineage(db, { year: 2024 }));
await db.destroy();
