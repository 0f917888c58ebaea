// Nothing changes phase, status or track except the workflow (issue 7). Every route module with an action is
// posted by anonymous and every role, once per intent, with its own valid body (where one is known) plus the
// governed fields phase, status and track set to other values; the phase, status and track of every
// initiative are compared before and after. Only a steering-group decision (beslutning) and an administrator's
// correction (korrektion) may change them; the edit form refuses the fields with 400 naming them. A new route
// with an action is swept automatically; the list of routes allowed to change the fields is closed.
import { describe, expect, it } from "vitest";
import { createInitiative } from "#db/queries/initiatives";
import type { Role } from "#db/schema";
import { seedDatabase } from "#db/seed";
import { db } from "~/utils/db.server";
import { validFormFields } from "../schemas/som-form-fixtures";
import { meetingFor } from "./governance-fixtures";
import { sessionCookieFor } from "./helpers";

type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
type RouteModule = { action?: Handler };
type Who = "anonymous" | Role;

const BASE = "http://localhost";
const WHO: Who[] = ["anonymous", "program_manager", "steering_group", "knowledge_staff", "admin"];
/** The only (route, role) pairs that may change phase, status or track: the gate and the one way around it. */
const GOVERNING: Record<string, Who> = { "initiativer.$id.beslutning": "steering_group", "initiativer.$id.korrektion": "admin" };
const GOVERNED = { phase: "dissemination", status: "stopped", track: "2" };

const MODULES = import.meta.glob<RouteModule>("../../app/routes/**/*.{ts,tsx}");
const SOURCES = import.meta.glob<string>("../../app/routes/**/*.{ts,tsx}", { query: "?raw", import: "default", eager: true });
const ROUTE_FILE = /^\.\.\/\.\.\/app\/routes\/([^/]+?)(?:\.tsx?|\/route\.tsx?)$/;
const ROUTES = Object.keys(MODULES)
  .map((file) => ({ file, id: ROUTE_FILE.exec(file)?.[1] }))
  .filter((r): r is { file: string; id: string } => !!r.id && /export (?:async function |function |const |\{[^}]*\b)action\b/.test(
    Object.entries(SOURCES).filter(([f]) => f === r.file).map(([, s]) => s).join("")))
  .sort((a, b) => a.id.localeCompare(b.id));

function routeSource(id: string): string {
  return Object.entries(SOURCES).filter(([f]) => f.startsWith(`../../app/routes/${id}.`) || f.startsWith(`../../app/routes/${id}/`)).map(([, s]) => s).join("\n");
}

function intentsOf(id: string): string[] {
  const source = routeSource(id);
  return [...new Set([
    ...[...source.matchAll(/intent(?:"\)|\b)\s*===\s*"(\w+)"/g)].map((m) => m[1]),
    ...[...source.matchAll(/intent: z\.literal\("(\w+)"\)/g)].map((m) => m[1]),
    ...[...source.matchAll(/name="intent" value="(\w+)"/g)].map((m) => m[1]),
  ])];
}

function pathOf(id: string, params: Record<string, string>): string {
  const segments = id.split(/\.(?![^[]*\])/).flatMap((seg) => {
    if (seg === "_index" || seg.startsWith("_")) return [];
    if (seg === "$") return [params["*"] ?? "x"];
    return [seg.replace(/_$/, "").replace(/^\$(\w+)/, (_, name) => params[name] ?? "1").replace(/[[\]]/g, "")];
  });
  return "/" + segments.join("/");
}

interface World {
  initiative: number;
  screening: number;
  aid: number;
  cid: number;
  release: number;
  conditionId: number;
  csv: string;
}

const location = (answer: unknown) => (answer instanceof Response ? answer.headers.get("Location") ?? "" : "");
const statusOf = (answer: unknown) => (answer instanceof Response ? answer.status : (answer as { init?: { status?: number } })?.init?.status ?? 200);
const mod = async (id: string) => (await MODULES[ROUTES.find((r) => r.id === id)!.file]()) as Required<RouteModule>;

function request(path: string, fields: Record<string, string | File>, cookie?: string): Request {
  const files = Object.values(fields).some((v) => v instanceof File);
  let body: BodyInit;
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  if (files) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    body = form;
  } else {
    body = new URLSearchParams(fields as Record<string, string>);
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  }
  return new Request(BASE + path, { method: "POST", headers, body });
}

async function call(id: string, params: Record<string, string>, fields: Record<string, string | File>, cookie?: string) {
  const action = (await mod(id)).action;
  try {
    return await action({ request: request(pathOf(id, params), fields, cookie), params, context: {} });
  } catch (error) {
    return error;
  }
}

/** Phase, status and track of every initiative, by id. */
async function governedState(): Promise<Record<number, string>> {
  const rows = await db().selectFrom("initiatives").select(["id", "phase", "status", "track"]).orderBy("id").execute();
  return Object.fromEntries(rows.map((r) => [r.id, `${r.phase}/${r.status}/${r.track ?? "-"}`]));
}

async function version(table: "initiatives" | "assessments" | "releases" | "som_calculations", id: number) {
  return String((await db().selectFrom(table).select("version").where("id", "=", id).executeTakeFirst())?.version ?? 1);
}

async function buildWorld(): Promise<World> {
  const pm = await sessionCookieFor("program_manager");
  const ks = await sessionCookieFor("knowledge_staff");
  const make = (phase: "trial" | "screening") => db().transaction().execute((trx) => createInitiative(trx, {
    title: `Sweep ${phase}`, description: "", area: "adults", targetGroup: "Hjemløse", agreementYears: [2024], track: 1,
    trackReason: "Ensartet", prototypeDescription: "Manual", phase, status: "active", framework: "susi2",
  }, null, "2026-01-01T00:00:00.000Z"));
  const initiative = await make("trial");
  const screening = await make("screening");
  const id = String(initiative);
  const som = await call("initiativer.$id.som.ny", { id }, validFormFields(), pm);
  const cid = Number(/\/som\/(\d+)/.exec(location(som))?.[1]);
  const start = await call("initiativer.$id.vurdering.ny", { id }, { toPhase: "dissemination" }, pm);
  const aid = Number(/\/vurdering\/(\d+)/.exec(location(start))?.[1]);
  const draft = await call("udgivelser.ny", {}, {
    initiativeId: id, phase: "trial", title: "Unge vil inddrages", summary: "Et ungepanel.", bodyMarkdown: "## Erfaringer",
    audiences: "municipalities", areas: "adults", newTopics: "unge", maturity: "preliminary",
  }, ks);
  const release = Number(/\/udgivelser\/(\d+)/.exec(location(draft))?.[1]);
  const decisionId = (await db().insertInto("decisions").values({
    initiative_id: initiative, assessment_id: null, outcome: "conditional_go", from_phase: "trial", to_phase: null, resulting_phase: "trial",
    resulting_status: "active", rationale: "Betinget", decided_by: null, decided_at: "2026-01-02T00:00:00.000Z",
  }).returning("id").executeTakeFirstOrThrow()).id;
  const conditionId = (await db().insertInto("conditions").values({
    initiative_id: initiative, decision_id: decisionId, text: "Plan", owner: "Pia", owner_id: 1, due_date: "2026-03-01", status: "open",
    carried_from_id: null, resolved_by_decision_id: null, resolved_at: null,
  }).returning("id").executeTakeFirstOrThrow()).id;
  // A seeded row again, with another phase and outcome: the import must leave the existing initiative alone.
  const seeded = "adults,Gruppebaseret bostøtteforløb,Udbredelse,UIP 2017,2017,Nej,Nej";
  const csv = `area,title,phase,agreement,agreement_years,continued_to_next_phase,susi_assessment\n${seeded}\n`;
  const world = { initiative, screening, aid, cid, release, conditionId, csv };
  for (const [k, v] of Object.entries(world)) if (v == null || Number.isNaN(v)) throw new Error(`world: ${k} was not created`);
  return world;
}

function paramsFor(id: string, w: World): Record<string, string> {
  if (id.startsWith("udgivelser.")) return { id: String(w.release) };
  return { id: String(w.initiative), aid: String(w.aid), cid: String(w.cid), tgid: "1", eid: "1", sid: "1", pid: "1", token: "x", "*": "x" };
}

/** The route's own form for each intent, as its page posts it (an intent with no entry is sent as `intent` alone). */
async function bodies(id: string, w: World): Promise<Record<string, Record<string, string | File>>> {
  const iv = await version("initiatives", w.initiative);
  switch (id) {
    case "initiativer.$id.rediger":
      return { "": { title: "Ændret", area: "adults", agreementYears: "2024", version: iv } };
    case "initiativer.$id._index":
      return { "": { phase: "trial", who: "Borgere", how: "Workshop", whatChanged: "Forløbet" } };
    case "initiativer.$id.perioder":
      return { "": { periodId: "1", plannedStart: "2026-01-01", plannedEnd: "2026-06-01" } };
    case "initiativer.$id.beslutning":
      return { "": { outcome: "hold", rationale: "Afventer", version: iv, releaseNow: "no" } };
    case "initiativer.$id.korrektion":
      return { "": { reason: "Forkert status ved import", version: iv } };
    case "initiativer.$id.betingelser":
      return {
        assign: { intent: "assign", conditionId: String(w.conditionId), version: "1", ownerId: "2", dueDate: "2026-04-01" },
        state: { intent: "state", conditionId: String(w.conditionId), version: "1", state: "met" },
      };
    case "initiativer.$id.vurdering.ny":
      return { "": { toPhase: "dissemination" } };
    case "initiativer.$id.vurdering.$aid": {
      const v = await version("assessments", w.aid);
      return { texts: { intent: "texts", version: v, overallAssessment: "Lovende", recommendation: "Videre" }, submit: { intent: "submit", version: v } };
    }
    case "initiativer.$id.som.ny":
      return { "": validFormFields() };
    case "initiativer.$id.som.$cid":
      return { "": validFormFields({ version: await version("som_calculations", w.cid) }) };
    case "initiativer.ny":
      return { "": { title: "Nyt", area: "adults", agreementYears: "2024", track: "1", trackReason: "x" } };
    case "import":
      return { "": { file: new File([w.csv], "initiativer.csv") } };
    case "udgivelser.$id._index": {
      const v = await version("releases", w.release);
      return { submit: { intent: "submit", version: v }, force: { intent: "force", version: v, reason: "Haster" }, withdraw: { intent: "withdraw", version: v, reason: "Forkert" } };
    }
    case "udgivelser.$id.rediger":
      return { "": { title: "Ny titel", summary: "Et ungepanel.", bodyMarkdown: "## Erfaringer", audiences: "municipalities", areas: "adults", newTopics: "unge", maturity: "preliminary", version: await version("releases", w.release) } };
    case "admin.brugere":
      return { role: { intent: "role", userId: "2", role: "program_manager" } };
    default:
      return Object.fromEntries([["", {}], ...intentsOf(id).map((i) => [i, { intent: i }])]);
  }
}

describe("phase, status and track change only through the workflow", () => {
  it("finds the routes with actions, the governing two among them", () => {
    const ids = ROUTES.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(["initiativer.$id.rediger", "initiativer.$id.beslutning", "initiativer.$id.korrektion", "import", "udgivelser.$id._index"]));
    expect(ids.length).toBeGreaterThan(25);
  });

  it.each(ROUTES.map((r) => [r.id]))("%s: no role changes them with a forged POST (outside a decision or a correction)", async (id) => {
    const world = await buildWorld();
    const params = paramsFor(id, world);
    const cookies = Object.fromEntries(await Promise.all(WHO.map(async (w) => [w, w === "anonymous" ? undefined : await sessionCookieFor(w)])));
    for (const who of WHO) {
      for (const [intent, body] of Object.entries(await bodies(id, world))) {
        for (const fields of [{ ...body, ...GOVERNED }, { ...body, ...GOVERNED, phase: "screening", status: "active", track: "none" }]) {
          const before = await governedState();
          const answer = await call(id, params, fields, cookies[who]);
          const after = await governedState();
          const label = `${id} [${intent}] as ${who}: ${statusOf(answer)}`;
          if (GOVERNING[id] === who) continue;
          // Rows created by the request (a new initiative, an import) are not changes of existing ones.
          for (const key of Object.keys(before)) expect(after[Number(key)], label).toBe(before[Number(key)]);
          if (id === "initiativer.$id.rediger" && who === "program_manager") {
            expect(statusOf(answer), label).toBe(400);
            expect(Object.keys((answer as { data: { result: { error: object } } }).data.result.error).sort(), label).toEqual(["phase", "status", "track"]);
          }
        }
      }
    }
  }, 120_000);

  it("the decision and the correction are the two that do, each only for its own role", async () => {
    const world = await buildWorld();
    const id = String(world.initiative);
    for (const who of WHO.filter((w) => w !== "steering_group")) {
      await call("initiativer.$id.beslutning", { id }, { outcome: "stop", rationale: "Stop", version: await version("initiatives", world.initiative) }, who === "anonymous" ? undefined : await sessionCookieFor(who));
    }
    for (const who of WHO.filter((w) => w !== "admin")) {
      await call("initiativer.$id.korrektion", { id }, { ...GOVERNED, reason: "Forkert import af status", version: await version("initiatives", world.initiative) }, who === "anonymous" ? undefined : await sessionCookieFor(who));
    }
    expect((await governedState())[world.initiative]).toBe("trial/active/1");
    const hold = await call("initiativer.$id.beslutning", { id }, {
      outcome: "hold", rationale: "Afventer", version: await version("initiatives", world.initiative), releaseNow: "no", confirmed: "yes", [`resolution-${world.conditionId}`]: "carry_over",
      meetingId: await meetingFor(world.initiative),
    }, await sessionCookieFor("steering_group"));
    expect(statusOf(hold)).toBe(302);
    expect((await governedState())[world.initiative]).toBe("trial/on_hold/1");
    const fix = await call("initiativer.$id.korrektion", { id }, { phase: "trial", status: "active", track: "2", reason: "Holdet var registreret ved en fejl", version: await version("initiatives", world.initiative) }, await sessionCookieFor("admin"));
    expect(statusOf(fix)).toBe(302);
    expect((await governedState())[world.initiative]).toBe("trial/active/2");
  });

  it("in screening the program manager still chooses the track on the edit form, but never phase or status", async () => {
    const world = await buildWorld();
    const pm = await sessionCookieFor("program_manager");
    const params = { id: String(world.screening) };
    const base = { title: "Screening", area: "adults", agreementYears: "2024", version: await version("initiatives", world.screening) };
    expect(statusOf(await call("initiativer.$id.rediger", params, { ...base, status: "stopped" }, pm))).toBe(400);
    expect(statusOf(await call("initiativer.$id.rediger", params, { ...base, phase: "trial" }, pm))).toBe(400);
    expect((await governedState())[world.screening]).toBe("screening/active/1");
    expect(statusOf(await call("initiativer.$id.rediger", params, { ...base, track: "2", trackReason: "Tilpasses lokalt" }, pm))).toBe(302);
    expect((await governedState())[world.screening]).toBe("screening/active/2");
  });

  it("a seed re-run and an import of existing rows leave every initiative as it is", async () => {
    const before = await governedState();
    expect(await seedDatabase(db(), { quiet: true })).toMatchObject({ seeded: false, reason: "not_empty" });
    const world = await buildWorld();
    const answer = await call("import", {}, { file: new File([world.csv], "initiativer.csv") }, await sessionCookieFor("admin"));
    expect(statusOf(answer)).toBeLessThan(400);
    const after = await governedState();
    for (const key of Object.keys(before)) expect(after[Number(key)]).toBe(before[Number(key)]);
  });
});
