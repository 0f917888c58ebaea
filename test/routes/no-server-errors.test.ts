// Nothing a user can send makes a route answer 500 (STYLE.md): every route module's loader and action, called
// as Remix calls them, for anonymous and each role, with hostile params, query strings, cookies, bodies and
// methods. A returned value, or a thrown Response / data() / redirect with a status below 500, is an answer;
// anything else thrown (TypeError, SQLite error, …), `undefined` (Remix throws for it) or a status ≥ 500 is a 500.
import { describe, expect, it } from "vitest";
import { createInitiative } from "#db/queries/initiatives";
import { createPasswordReset } from "#db/queries/password-resets";
import type { Role } from "#db/schema";
import { gatesBetween } from "#workflows/phase-model";
import { hashToken, newToken } from "~/mail/tokens.server";
import { SESSION_COOKIE } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { validFormFields } from "../schemas/som-form-fixtures";
import { sessionCookieFor } from "./helpers";

type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
type RouteModule = { loader?: Handler; action?: Handler };
type Who = "anonymous" | Role;
type Fields = [string, string | File][];

const BASE = "http://localhost";
const WHO: Who[] = ["anonymous", "program_manager", "steering_group", "knowledge_staff", "admin", "external"];

// ---------------------------------------------------------------------------------------------------
// Discovery: a route module is a top-level file or a folder's route.tsx (ui.tsx, *.server.ts are not routes);
// the root route's loader runs on every page, so it is swept too.

const MODULES = import.meta.glob<RouteModule>(["../../app/routes/**/*.{ts,tsx}", "../../app/root.tsx"]);
const SOURCES = import.meta.glob<string>(
  ["../../app/routes/**/*.{ts,tsx}", "../../app/schemas/*.ts", "../../app/components/**/*.tsx"],
  { query: "?raw", import: "default", eager: true },
);
const ROUTE_FILE = /^\.\.\/\.\.\/app\/(?:routes\/([^/]+?)(?:\.tsx?|\/route\.tsx?)|(root)\.tsx)$/;
const ROUTES = Object.keys(MODULES)
  .map((file) => {
    const m = ROUTE_FILE.exec(file);
    return { file, id: m?.[1] ?? m?.[2] };
  })
  .filter((r): r is { file: string; id: string } => !!r.id)
  .sort((a, b) => a.id.localeCompare(b.id));

/** The route's own source: the file, or every file of its folder. */
function routeSource(id: string): string {
  return Object.entries(SOURCES)
    .filter(([f]) => f === `../../app/routes/${id}.tsx` || f === `../../app/routes/${id}.ts` || f.startsWith(`../../app/routes/${id}/`))
    .map(([, s]) => s)
    .join("\n");
}

/** The keys of the zod object schemas (in app/schemas or the route itself) the route names. */
function schemaKeys(source: string): string[] {
  const all = Object.entries(SOURCES).filter(([f]) => f.includes("/app/schemas/")).map(([, s]) => s).join("\n") + "\n" + source;
  const names = new Set([...source.matchAll(/\b([A-Z]\w*Schema)\b/g)].map((m) => m[1]));
  const keys: string[] = [];
  for (const name of names) {
    const start = all.search(new RegExp(`const ${name} = [^\\n]*`));
    if (start < 0) continue;
    const body = all.slice(start, all.indexOf("\n});", start) + 1 || undefined);
    keys.push(...[...body.matchAll(/^\s{2,4}(\w+):/gm)].map((m) => m[1]));
  }
  return keys;
}

function formFieldNames(source: string): string[] {
  const found = [
    ...[...source.matchAll(/\bname="([\w.[\]-]+)"/g)].map((m) => m[1]),
    ...[...source.matchAll(/formData\.get(?:All)?\("([^"]+)"\)/g)].map((m) => m[1]),
    ...[...source.matchAll(/\bfields\.(\w+)/g)].map((m) => m[1]),
    ...schemaKeys(source),
  ];
  return [...new Set(found)].filter((n) => n !== "intent");
}

function intentsOf(source: string): string[] {
  const found = [
    ...[...source.matchAll(/intent(?:"\)|\b)\s*===\s*"(\w+)"/g)].map((m) => m[1]),
    ...[...source.matchAll(/intent: z\.literal\("(\w+)"\)/g)].map((m) => m[1]),
    ...[...source.matchAll(/name="intent" value="(\w+)"/g)].map((m) => m[1]),
  ];
  return [...new Set(found)];
}

function queryNames(source: string): string[] {
  return [...new Set([...source.matchAll(/searchParams\.get\("(\w+)"\)/g)].map((m) => m[1]).concat(
    /searchParams\]|searchParams\)\)/.test(source) ? schemaKeys(source) : [],
  ))];
}

/** `$name` params of a flat route id; a bare `$` is the splat. */
function paramNames(id: string): string[] {
  return id.split(/\.(?![^[]*\])/).flatMap((seg) => (seg === "$" ? ["*"] : [...seg.matchAll(/^\$(\w+)/g)].map((m) => m[1])));
}

function pathOf(id: string, params: Record<string, string>): string {
  const segments = id.split(/\.(?![^[]*\])/).flatMap((seg) => {
    if (seg === "_index" || seg === "root" || seg.startsWith("_")) return [];
    if (seg === "$") return [encodeURIComponent(params["*"])];
    return [seg.replace(/_$/, "").replace(/^\$(\w+)/, (_, name) => encodeURIComponent(params[name])).replace(/[[\]]/g, "")];
  });
  return "/" + segments.join("/");
}

// ---------------------------------------------------------------------------------------------------
// Hostile input.

const LONG = "x".repeat(5000);
const HUGE = "9".repeat(100_000);
// "9999999999": a safe integer above 2^31, which an `integer` column holds on SQLite and PostgreSQL refuses.
const HOSTILE_PARAMS = ["0", "-1", "abc", "99999999", "9999999999", "1e3", "%00", "\0", LONG, "1.5", "9".repeat(30), " 1", "../1"];
const HOSTILE_VALUES = [
  "", "x".repeat(100_000), HUGE, "99999999", "9999999999", "-1", "0", "1e3", "abc", "1.5", "9".repeat(400), "\0", "%", "<script>",
  "/\r\nSet-Cookie: x=1", "//evil.example", "/\t/evil.example", "/€", "Ærø € 😀", "NaN", "Infinity", "true", "[]", "2024-02-30",
];
const HOSTILE_QUERIES = [
  "?page=-1", "?page=abc", "?page=0", "?page=99999999999999", "?page=1e3", "?page=1&page=2", "?q=%", "?q=%25", "?q=%00",
  `?q=${"x".repeat(5000)}`, "?lang=xx", "?status=unknown", "?view=unknown", "?area=unknown", "?x=%E0%A4%A",
];
const HOSTILE_COOKIES = [
  `${SESSION_COOKIE}=%`, `${SESSION_COOKIE}=%E0%A4%A`, `${SESSION_COOKIE}=${"a".repeat(5000)}`, `${SESSION_COOKIE}=\u00e6`,
  "lang=%", "lang=xx", "lang=en; lang=da", `${SESSION_COOKIE}=`,
];
const HOSTILE_NAMES = [
  "__proto__[polluted]", "constructor.prototype.polluted", "x[99999999]", "conditions[99999999].text", "cohorts[99999999].citizens",
  "costs[-1].amount", "a[", "]", ".", "a..b", "", `${"a.".repeat(20_000)}b`, `a${"[0]".repeat(20_000)}`,
];
// conform's own control fields: list buttons and validation send these without JavaScript.
const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
const HOSTILE_CONFORM = [
  ["__intent__", "not json"], ["__intent__", "null"], ["__intent__", '{"type":1}'], ["__intent__", '{"type":"validate"}'],
  ["__intent__", '{"type":"validate","payload":{"name":"title"}}'], ["__intent__", '{"type":"reset","payload":{}}'],
  ["__intent__", '{"type":"update","payload":{"name":"x[99999999]","value":"1"}}'],
  ["__intent__", '{"type":"update","payload":{"name":"x","index":99999999,"value":"1"}}'],
  ["__intent__", `{"type":"update","payload":{"name":"${"a.".repeat(20_000)}b","value":"1"}}`],
  ["__intent__", `{"type":"update","payload":{"name":"title","value":${deep(5000)}}}`],
  ["__intent__", '{"type":"update","payload":{"name":"__proto__.polluted","value":"1"}}'],
  ["__intent__", '{"type":"insert","payload":{"name":"title"}}'], ["__intent__", '{"type":"insert","payload":{"name":"cohorts","index":99999999}}'],
  ["__intent__", '{"type":"insert","payload":{"name":"conditions","defaultValue":{"text":"x"}}}'],
  ["__intent__", '{"type":"remove","payload":{"name":"costs","index":-1}}'], ["__intent__", '{"type":"reorder","payload":{"name":"costs","from":0,"to":99999999}}'],
  ["__intent__", '{"type":"explode","payload":{"name":"costs"}}'], ["__state__", "not json"], ["__state__", `${deep(5000)}`],
] as const;
const short = (v: string) => (v.length > 40 ? `${JSON.stringify(v.slice(0, 12))}×${v.length}` : JSON.stringify(v));

// ---------------------------------------------------------------------------------------------------
// A small world built through the routes themselves, so valid ids and valid forms reach the code behind
// the checks: an initiative with a SØM calculation, a draft assessment, releases, a published calculation
// and a pending subscription.

interface World {
  initiative: number;
  conditionId: number;
  /** A steering-group meeting, and a decision (Hold, on another initiative) taken at it. */
  mid: number;
  did: number;
  decidedInitiative: number;
  cid: number;
  vid: number;
  /** A later version of the calculation, not yet in the experience database. */
  unpublishedVid: number;
  aid: number;
  criterionId: string;
  periodId: number;
  release: number;
  slug: string;
  pid: number;
  confirmToken: string;
  unsubscribeToken: string;
  /** A one-time password link of the program manager (/nulstil/:token). */
  resetToken: string;
  workbook: Uint8Array;
  csv: string;
}

type Cookies = Record<Who, string | undefined>;

const routeModule = (id: string) => MODULES[ROUTES.find((r) => r.id === id)!.file]() as Promise<Required<RouteModule>>;
const location = (answer: unknown) => (answer instanceof Response ? answer.headers.get("Location") ?? "" : "");
const post = (path: string, fields: Record<string, string>, cookie?: string) =>
  new Request(BASE + path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields),
  });
const call = (h: Handler, request: Request, params: Record<string, string> = {}) => h({ request, params, context: {} });

const RELEASE = {
  title: "Unge vil inddrages tidligt", summary: "Et ungepanel.", bodyMarkdown: "## Erfaringer", audiences: "municipalities",
  areas: "adults", newTopics: "handicap, unge", maturity: "preliminary",
};

async function buildWorld(c: Cookies): Promise<World> {
  const initiative = await db().transaction().execute((trx) =>
    createInitiative(trx, {
      title: "Housing First", description: "", area: "adults", targetGroup: "Hjemløse", agreementYears: [2024], track: 1,
      trackReason: "Ensartet", prototypeDescription: "Manual", phase: "trial", status: "active", framework: "susi2",
    }, null, "2026-01-01T00:00:00.000Z"));
  const id = String(initiative);
  const som = await routeModule("initiativer.$id.som.ny");
  const cid = Number(/\/som\/(\d+)/.exec(location(await call(som.action, post(`/initiativer/${id}/som/ny`, validFormFields(), c.program_manager), { id })))?.[1]);
  const calc = await db().selectFrom("som_calculations").select("latest_version_id").where("id", "=", cid).executeTakeFirstOrThrow();
  const vid = calc.latest_version_id!;
  const xlsx = await routeModule("initiativer.$id.som.$cid_.v.$vid[.xlsx]");
  const xlsxParams = { id, cid: String(cid), vid: String(vid) };
  const workbook = new Uint8Array(await ((await call(xlsx.loader, new Request(`${BASE}/x`, { headers: { Cookie: c.admin! } }), xlsxParams)) as Response).arrayBuffer());
  const edit = await routeModule("initiativer.$id.som.$cid");
  await call(edit.action, post(`/initiativer/${id}/som/${cid}`, validFormFields({ version: "1" }), c.program_manager), { id, cid: String(cid) });
  const unpublishedVid = (await db().selectFrom("som_calculations").select("latest_version_id").where("id", "=", cid).executeTakeFirstOrThrow()).latest_version_id!;
  const start = await routeModule("initiativer.$id.vurdering.ny");
  const aid = Number(/\/vurdering\/(\d+)/.exec(location(await call(start.action, post(`/initiativer/${id}/vurdering/ny`, { toPhase: "dissemination" }, c.program_manager), { id })))?.[1]);
  const criterionId = gatesBetween("trial", "dissemination")[0].criteria[0].id;
  // The external demo user assesses this one assessment (and so reaches its page, and nothing else).
  const userIdOf = async (email: string) => (await db().selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  const assessmentPage = await routeModule("initiativer.$id.vurdering.$aid");
  await call(assessmentPage.action, post(`/initiativer/${id}/vurdering/${aid}`, { intent: "assessor", version: "1", userId: String(await userIdOf("ekstern@susi.test")), role: "external" }, c.program_manager), { id, aid: String(aid) });
  const periodId = (await db().selectFrom("phase_periods").select("id").where("initiative_id", "=", initiative).executeTakeFirstOrThrow()).id;

  const newRelease = await routeModule("udgivelser.ny");
  const draft = async () =>
    Number(/\/udgivelser\/(\d+)/.exec(location(await call(newRelease.action, post("/udgivelser/ny", { initiativeId: id, phase: "trial", ...RELEASE }, c.knowledge_staff))))?.[1]);
  const release = await draft();
  const published = await draft();
  const page = await routeModule("udgivelser.$id._index");
  await call(page.action, post(`/udgivelser/${published}`, { intent: "force", version: "1", reason: "Haster", confirmed: "yes" }, c.knowledge_staff), { id: String(published) });
  const slug = (await db().selectFrom("releases").select("slug").where("id", "=", published).executeTakeFirstOrThrow()).slug!;

  const publish = await routeModule("som.erfaringer.udgiv");
  const pid = Number(/\/som\/erfaringer\/(\d+)/.exec(location(await call(publish.action, post("/som/erfaringer/udgiv", {
    versionId: String(vid), title: "Housing First", description: "Vores beregning", responsibility: "on",
  }, c.program_manager))))?.[1]);

  const subscribe = await routeModule("viden.abonnement._index");
  await call(subscribe.action, post("/viden/abonnement", { email: "a@example.dk", kind: "municipality", municipality: "751", areas: "adults", frequency: "immediate" }));
  const mail = await db().selectFrom("outbox").select(["payload", "id"]).where("kind", "=", "confirm").executeTakeFirstOrThrow();
  const unsubscribeToken = newToken();
  await db().updateTable("outbox").set({ unsubscribe_token_hash: hashToken(unsubscribeToken) }).where("id", "=", mail.id).execute();

  // A Conditional Go's condition, for the conditions page (written as a decision would: the route test of
  // decisions covers how it gets there).
  const decisionId = (await db().insertInto("decisions").values({
    initiative_id: initiative, assessment_id: null, outcome: "conditional_go", from_phase: "trial", to_phase: null, resulting_phase: "trial",
    resulting_status: "active", rationale: "Betinget", decided_by: null, decided_at: "2026-01-02T00:00:00.000Z",
  }).returning("id").executeTakeFirstOrThrow()).id;
  const conditionId = (await db().insertInto("conditions").values({
    initiative_id: initiative, decision_id: decisionId, text: "Plan", owner: "Pia", owner_id: 1, due_date: "2026-03-01", status: "open",
    carried_from_id: null, resolved_by_decision_id: null, resolved_at: null,
  }).returning("id").executeTakeFirstOrThrow()).id;

  const plan = await routeModule("styregruppe.moeder.ny");
  const mid = Number(/\/moeder\/(\d+)/.exec(location(await call(plan.action, post("/styregruppe/moeder/ny", { date: "2026-12-01" }, c.steering_group))))?.[1]);
  const decidedInitiative = await db().transaction().execute((trx) =>
    createInitiative(trx, {
      title: "Besluttet", description: "", area: "adults", targetGroup: "", agreementYears: [2024], track: 1,
      trackReason: "Ensartet", prototypeDescription: "Manual", phase: "trial", status: "active", framework: "susi2",
    }, null, "2026-01-01T00:00:00.000Z"));
  const meetingPage = await routeModule("styregruppe.moeder.$mid._index");
  await call(meetingPage.action, post(`/styregruppe/moeder/${mid}`, { intent: "agenda", version: "1", initiativeId: String(decidedInitiative) }, c.steering_group), { mid: String(mid) });
  const members = await db().selectFrom("users").select("id").where("role", "=", "steering_group").orderBy("id").execute();
  const attendance = new URLSearchParams({ intent: "attendance", version: "2" });
  for (const m of members) attendance.append("present", String(m.id));
  await call(meetingPage.action, new Request(`${BASE}/styregruppe/moeder/${mid}`, {
    method: "POST", headers: { Cookie: c.steering_group!, "Content-Type": "application/x-www-form-urlencoded" }, body: attendance,
  }), { mid: String(mid) });
  const decisionPage = await routeModule("initiativer.$id.beslutning");
  await call(decisionPage.action, post(`/initiativer/${decidedInitiative}/beslutning`, {
    outcome: "hold", rationale: "Afventer", version: "1", meetingId: String(mid), releaseNow: "no", confirmed: "yes",
  }, c.steering_group), { id: String(decidedInitiative) });
  const did = (await db().selectFrom("decisions").select("id").where("initiative_id", "=", decidedInitiative).executeTakeFirst())?.id ?? NaN;

  const resetToken = newToken();
  await createPasswordReset(db(), {
    userId: await userIdOf("programleder@susi.test"), tokenHash: hashToken(resetToken), createdBy: null,
    now: new Date().toISOString(), expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });

  const world = {
    resetToken, initiative, mid, did, decidedInitiative, cid, vid, unpublishedVid, aid, criterionId, periodId, release, slug, pid, workbook, unsubscribeToken, conditionId,
    confirmToken: JSON.parse(mail.payload).confirmToken as string,
    csv: "area,title,phase,agreement,agreement_years,continued_to_next_phase,susi_assessment\nvoksne,Sweep,Modning,UIP 2030,2030,,\n",
  };
  for (const [k, v] of Object.entries(world)) if (v == null || Number.isNaN(v)) throw new Error(`world: ${k} was not created`);
  return world;
}

/** Existing ids (and tokens) for a route's params. */
function validParams(id: string, w: World): Record<string, string> {
  const byName: Record<string, string> = id.startsWith("udgivelser.")
    ? { id: String(w.release) }
    : id.startsWith("initiativer.$id.beslutninger.")
    ? { id: String(w.decidedInitiative), did: String(w.did) }
    : {
        id: String(w.initiative), cid: String(w.cid), vid: String(w.vid), aid: String(w.aid), tgid: "1", eid: "1", sid: "1",
        pid: String(w.pid), mid: String(w.mid), did: String(w.did), liste: "historik", slugOrId: w.slug, topic: "handicap.atom", area: "adults.atom", "*": "findes/ikke",
        token: id.startsWith("nulstil") ? w.resetToken : id.includes("afmeld") ? w.unsubscribeToken : w.confirmToken,
      };
  return Object.fromEntries(paramNames(id).map((p) => [p, byName[p] ?? "1"]));
}

/** Query parameters a loader needs to get past its first check. */
function validQuery(id: string, w: World): [string, string][] {
  if (id === "udgivelser.ny") return [["initiative", String(w.initiative)], ["phase", "trial"]];
  if (id === "som.erfaringer.udgiv") return [["version", String(w.unpublishedVid)]];
  return [];
}

/** A valid form per route and intent, as the page's own form would post it; versions read afresh. */
async function validBodies(id: string, w: World): Promise<Record<string, Record<string, string | File>>> {
  type Versioned = "initiatives" | "assessments" | "releases" | "som_calculations" | "som_target_groups" | "som_consequence_estimates" | "som_effect_studies" | "som_published_calculations";
  const version = async (table: Versioned, rowId: number) =>
    String((await db().selectFrom(table).select("version").where("id", "=", rowId).executeTakeFirst())?.version ?? 1);
  const estimate = {
    label: "Herberg", consequenceArea: "Sociale ydelser", kind: "expenditure", deltas: "-120 -90", unit: "døgn",
    priceKommune: "1.100", priceRegion: "0", priceStat: "0", priceYear: "2024", source: "",
  };
  const study = { intervention: "Housing First", rateWith: "40", rateWithout: "10", evidenceLevel: "2", citation: "Studie 2020" };
  const group = { name: "Gruppe", area: "vulnerable_adults", ageBand: "18+", successMeasure: "Bolig", description: "" };
  const file = (bytes: BlobPart, name: string) => new File([bytes], name);
  switch (id) {
    case "admin.brugere":
      return {
        create: { intent: "create", name: "Ny", email: "ny@susi.test", role: "program_manager", password: "et-langt-kodeord" },
        role: { intent: "role", userId: "2", roles: "steering_group" },
        reactivate: { intent: "reactivate", userId: "2" },
        deactivate: { intent: "deactivate", userId: "2" },
        deactivateConfirmed: { intent: "deactivate", userId: "2", confirmed: "yes" },
        unlock: { intent: "unlock", userId: "2" },
      };
    case "admin.revision":
      return { verify: { intent: "verify" } };
    case "import":
      return { "": { file: file(w.csv, "initiativer.csv") } };
    case "konto":
      return { "": { currentPassword: "demo-admin", newPassword: "et-helt-nyt-kodeord", repeatPassword: "et-helt-nyt-kodeord" } };
    case "initiativer.ny":
      return { "": { title: "Nyt", area: "adults", agreementYears: "2024", track: "1", trackReason: "x", phase: "trial", plannedStart: "2026-01-01", plannedEnd: "2026-06-01" } };
    case "initiativer.$id._index":
      return { "": { phase: "trial", who: "Borgere", how: "Workshop", whatChanged: "Forløbet" } };
    case "initiativer.$id.rediger":
      return { "": { title: "Ændret", area: "adults", agreementYears: "2024", version: await version("initiatives", w.initiative) } };
    case "initiativer.$id.perioder":
      return { "": { periodId: String(w.periodId), plannedStart: "2026-01-01", plannedEnd: "2026-06-01", actualStart: "2026-01-02" } };
    case "initiativer.$id.beslutning":
      return { "": { outcome: "hold", rationale: "Afventer", version: await version("initiatives", w.initiative), releaseNow: "no" } };
    case "initiativer.$id.vurdering.ny":
      return { "": { toPhase: "dissemination" } };
    case "initiativer.$id.korrektion": {
      const i = await db().selectFrom("initiatives").select(["status", "version"]).where("id", "=", w.initiative).executeTakeFirstOrThrow();
      return { "": { phase: "trial", status: i.status === "active" ? "on_hold" : "active", track: "1", reason: "Forkert status ved import", version: String(i.version) } };
    }
    case "initiativer.$id.betingelser": {
      const c = await db().selectFrom("conditions").select(["version", "state"]).where("id", "=", w.conditionId).executeTakeFirstOrThrow();
      const v = String(c.version);
      return {
        assign: { intent: "assign", conditionId: String(w.conditionId), version: v, ownerId: "2", dueDate: c.version % 2 ? "2026-04-01" : "2026-05-01" },
        state: { intent: "state", conditionId: String(w.conditionId), version: v, state: c.state === "met" ? "open" : "met", note: "" },
      };
    }
    case "initiativer.$id.beslutninger.$did":
      return { "": { reason: "Jeg er uenig." } };
    case "styregruppe.moeder.ny":
      return { "": { date: "2026-12-24", title: "Julemøde", location: "Odense" } };
    case "styregruppe.moeder.$mid._index": {
      const v = String((await db().selectFrom("meetings").select("version").where("id", "=", w.mid).executeTakeFirst())?.version ?? 1);
      const member = (await db().selectFrom("users").select("id").where("role", "=", "steering_group").executeTakeFirstOrThrow()).id;
      return { agenda: { intent: "agenda", version: v, initiativeId: String(w.initiative) }, attendance: { intent: "attendance", version: v, present: String(member) } };
    }
    case "initiativer.$id.vurdering.$aid": {
      const v = await version("assessments", w.aid);
      const lead = await db().selectFrom("assessment_assessors").select(["user_id", "version"]).where("assessment_id", "=", w.aid).where("role", "=", "lead").executeTakeFirstOrThrow();
      const peter = await db().selectFrom("users").select("id").where("email", "=", "projektleder@susi.test").executeTakeFirstOrThrow();
      const criterion = { "criteria[0].criterionId": w.criterionId, "criteria[0].judgement": "met", "criteria[0].evidence": "Evaluering", "criteria[0].evidenceLevel": "2", "criteria[0].justification": "" };
      return {
        own: { intent: "own", assessor: String(lead.user_id), assessorVersion: String(lead.version), ...criterion },
        consolidate: { intent: "consolidate", version: v, ...criterion, overallAssessment: "Lovende", recommendation: "Videre" },
        assessor: { intent: "assessor", version: v, userId: String(peter.id), role: "co_assessor" },
        submit: { intent: "submit", version: v },
      };
    }
    case "initiativer.$id.som.excel":
      return { "": { file: file(w.workbook as BlobPart, "som.xlsx"), target: `${w.cid}@${await version("som_calculations", w.cid)}` } };
    case "initiativer.$id.som.ny":
      return { "": validFormFields() };
    case "initiativer.$id.som.$cid":
      return { "": validFormFields({ version: await version("som_calculations", w.cid) }) };
    case "som.viden.ny":
      return { "": { ...group, isExample: "on" } };
    case "som.viden.$tgid.rediger":
      return { "": { ...group, version: await version("som_target_groups", 1) } };
    case "som.viden.$tgid._index":
      return {
        start: {
          intent: "start", initiativeId: String(w.initiative), phase: "trial", scenario: "expected", studyId: "1", priceYear: "2024",
          citizens: "40", courseLengthYears: "1", title: "Fra vidensdatabasen",
        },
        delete: { intent: "delete", version: await version("som_target_groups", 1) },
      };
    case "som.viden.$tgid.konsekvenser.ny":
      return { "": estimate };
    case "som.viden.$tgid.konsekvenser.$eid":
    {
      const v = await version("som_consequence_estimates", 1);
      return { "": { ...estimate, version: v }, delete: { intent: "delete", version: v } };
    }
    case "som.viden.$tgid.studier.ny":
      return { "": study };
    case "som.viden.$tgid.studier.$sid":
    {
      const v = await version("som_effect_studies", 1);
      return { "": { ...study, version: v }, delete: { intent: "delete", version: v } };
    }
    case "som.viden.npi":
      return { set: { intent: "set", year: "2024", value: "105,2" }, delete: { intent: "delete", year: "2024" } };
    case "som.erfaringer.udgiv":
      return { "": { versionId: String(w.unpublishedVid), title: "Igen", description: "Beskrivelse", responsibility: "on" } };
    case "som.erfaringer.$pid":
      return {
        copy: { intent: "copy", initiativeId: String(w.initiative), phase: "trial", scenario: "expected", title: "Kopi" },
        unpublish: { intent: "unpublish", version: await version("som_published_calculations", w.pid) },
      };
    case "udgivelser.ny":
      return { "": { initiativeId: String(w.initiative), phase: "trial", ...RELEASE } };
    case "udgivelser.$id.rediger":
      return { "": { ...RELEASE, version: await version("releases", w.release) } };
    case "udgivelser.$id._index": {
      const v = await version("releases", w.release);
      return {
        submit: { intent: "submit", version: v }, return: { intent: "return", version: v, comment: "Ret" }, approve: { intent: "approve", version: v },
        force: { intent: "force", version: v, reason: "Haster" }, review_after_force: { intent: "review_after_force", version: v },
        new_edition: { intent: "new_edition", version: v, kind: "major" }, withdraw: { intent: "withdraw", version: v, reason: "Forkert" },
      };
    }
    case "viden.abonnement._index":
      return { "": { email: "b@example.dk", kind: "municipality", municipality: "101", areas: "adults", topics: "unge", frequency: "weekly" } };
    case "nulstil.$token":
      return { "": { newPassword: "et-nyt-langt-kodeord-2026", repeatPassword: "et-nyt-langt-kodeord-2026" } };
    case "login":
      return { "": { email: "programleder@susi.test", password: "demo-programleder", redirectTo: "/initiativer" } };
    case "sprog":
      return { "": { lang: "en", redirectTo: "/viden" } };
    default:
      return { "": {} };
  }
}

// ---------------------------------------------------------------------------------------------------
// Calling and judging.

type Failure = { route: string; role: Who; input: string; thrown: string };

/** Why the answer is a 500, or null when it is a proper answer. */
function serverError(value: unknown, threw: boolean): string | null {
  if (value instanceof Response) return value.status >= 500 ? `Response ${value.status}` : null;
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const status = (value as { init?: { status?: number } }).init?.status ?? 200;
    return status >= 500 ? `data() ${status}` : null;
  }
  if (threw) {
    const e = value as Error;
    const message = String(e?.message ?? e).split("\n")[0].slice(0, 160);
    return `${e?.constructor?.name ?? typeof e}: ${message}`;
  }
  return value === undefined ? "returned undefined (Remix answers 500)" : null;
}

/** What an action is sent: method (POST unless said), body and its Content-Type. */
interface Probe {
  method?: string;
  body?: BodyInit | null;
  type?: string;
}

const URLENCODED = "application/x-www-form-urlencoded";

/** Fields as a browser posts them: urlencoded, or multipart when asked or when a value is a file. */
function encode(fields: Fields, multipart = false, method = "POST"): Probe {
  if (multipart || fields.some(([, v]) => v instanceof File)) {
    const form = new FormData();
    for (const [k, v] of fields) form.append(k, v);
    return { method, body: form };
  }
  const body = new URLSearchParams();
  for (const [k, v] of fields) body.append(k, v as string);
  return { method, body, type: URLENCODED };
}

async function sweepRoute(id: string, mod: RouteModule, failures: Failure[]) {
  const source = routeSource(id);
  // The external assessor differs from the other roles only where a route asks who is signed in.
  const who_ = /require(User|Permission|AssessmentUser|SignedIn)\b/.test(source) ? WHO : WHO.filter((w) => w !== "external");
  const cookies = Object.fromEntries(await Promise.all(WHO.map(async (w) => [w, w === "anonymous" ? undefined : await sessionCookieFor(w)]))) as Cookies;
  const world = await buildWorld(cookies);
  const valid = validParams(id, world);
  const names = paramNames(id);
  let calls = 0;

  async function run(kind: "loader" | "action", who: Who, params: Record<string, string>, input: string, probe: Probe = {}, query = "", cookie?: string) {
    const handler = mod[kind]!;
    const headers: Record<string, string> = {};
    const c = cookie ?? cookies[who];
    if (c) headers.Cookie = c;
    if (probe.type) headers["Content-Type"] = probe.type;
    const method = kind === "loader" ? "GET" : probe.method ?? "POST";
    const request = new Request(BASE + pathOf(id, params) + query, {
      method, headers, body: method === "GET" || method === "HEAD" ? undefined : probe.body ?? null,
    });
    calls++;
    let value: unknown;
    let threw = false;
    try {
      value = await handler({ request, params, context: {} });
    } catch (error) {
      value = error;
      threw = true;
    }
    const why = serverError(value, threw);
    if (why) failures.push({ route: `${id} ${kind}`, role: who, input, thrown: why });
    return value;
  }

  const paramSets: { label: string; params: Record<string, string> }[] = [
    { label: "valid params", params: valid },
    ...(names.length ? [{ label: "every param 1", params: Object.fromEntries(names.map((n) => [n, "1"])) }] : []),
    ...names.flatMap((n) => {
      // A param whose valid value ends in a suffix ("adults.atom") is also tried hostile before that suffix.
      const suffix = /^.+(\.[a-z]+)$/.exec(valid[n])?.[1] ?? "";
      const values = [...HOSTILE_PARAMS, ...(suffix ? [...HOSTILE_PARAMS, "€", "a<b>\"c", "%", "."].map((v) => v + suffix) : [])];
      return values.map((v) => ({ label: `${n}=${short(v)}`, params: { ...valid, [n]: v } }));
    }),
  ];

  if (mod.loader) {
    for (const who of who_) {
      for (const p of paramSets) await run("loader", who, p.params, p.label);
      // Each query parameter the loader reads, hostile in turn beside valid values for the others.
      const base = validQuery(id, world);
      const queries = [
        ...HOSTILE_QUERIES.map((q) => `?${new URLSearchParams([...base, ...new URLSearchParams(q)])}`),
        ...queryNames(source).flatMap((q) => HOSTILE_VALUES.map((v) => `?${new URLSearchParams([...base.filter(([k]) => k !== q), [q, v]])}`)),
      ];
      for (const q of queries) await run("loader", who, valid, `query ${short(q)}`, undefined, q);
    }
    for (const c of HOSTILE_COOKIES) await run("loader", "anonymous", valid, `cookie ${short(c)}`, undefined, "", c);
    await run("loader", "admin", valid, "cookie session + malformed", undefined, "", `${cookies.admin}; lang=%; x=%E0`);
  }

  if (mod.action) {
    const fieldNames = formFieldNames(source);
    const intents = intentsOf(source);
    // Destructive intents last, so the rest of the sweep still finds what they delete.
    const order = (k: string) => (/delete|deactivate|unpublish|withdraw/.test(k) ? 1 : 0);
    const validOnes = async () => Object.entries(await validBodies(id, world)).sort(([a], [b]) => order(a) - order(b));

    for (const who of who_) {
      const bodies: [string, Probe][] = [
        ["POST without body", {}],
        ["empty urlencoded body", { body: "", type: URLENCODED }],
        ["urlencoded garbage", { body: "%%%&=&==%E0%A4%A&a", type: URLENCODED }],
        ["intent=<unknown>", { body: "intent=%3Cunknown%3E", type: URLENCODED }],
        ...intents.map((i): [string, Probe] => [`intent=${i} alone`, { body: `intent=${i}`, type: URLENCODED }]),
        ["JSON as application/json", { body: JSON.stringify({ intent: intents[0] ?? "x", title: "x" }), type: "application/json" }],
        ["JSON as urlencoded", { body: JSON.stringify({ intent: intents[0] ?? "x" }), type: URLENCODED }],
        ["text/plain", { body: "intent=x", type: "text/plain" }],
        ["multipart without boundary", { body: "--x\r\n", type: "multipart/form-data" }],
        ["multipart cut off", { body: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1', type: "multipart/form-data; boundary=b" }],
        ["20 000 fields", { body: Array.from({ length: 20_000 }, (_, i) => `f${i}=1`).join("&"), type: URLENCODED }],
        ["multipart with only a text field", encode([["file", "not a file"], ["intent", intents[0] ?? ""]], true)],
      ];
      for (const [label, p] of bodies) await run("action", who, valid, label, p);

      for (const [intent] of await validOnes()) {
        // Read afresh before each probe once something was saved, so versions stay current and probes reach past the 409.
        let saved = true;
        let fresh: Fields = [];
        const probe = async (input: string, fields: (base: Fields) => Fields, multipart = false, method = "POST") => {
          if (saved) fresh = Object.entries((await validBodies(id, world))[intent] ?? {});
          const answer = await run("action", who, valid, `${intent ? `[${intent}] ` : ""}${input}`, encode(fields(fresh), multipart, method));
          const status = answer instanceof Response ? answer.status : (answer as { init?: { status?: number } })?.init?.status ?? 200;
          saved = status < 400;
          return { answer, status };
        };
        const baseline = await probe("valid body", (base) => base);
        const key = `${id} action${intent ? ` [${intent}]` : ""}`;
        if (fresh.length || !BODILESS_ACTIONS.includes(id)) validBodyStatus.set(key, Math.min(validBodyStatus.get(key) ?? 999, baseline.status));
        if (baseline.status === 403 || (baseline.status === 302 && location(baseline.answer).startsWith("/login"))) continue;
        await probe("valid body as multipart", (base) => base, true);
        for (const method of ["PUT", "PATCH", "DELETE"]) await probe(`valid body as ${method}`, (base) => base, false, method);
        for (const name of HOSTILE_NAMES) await probe(`field named ${short(name)}`, (base) => [...base, [name, "1"]]);
        for (const [name, value] of HOSTILE_CONFORM) await probe(`${name}=${short(value)}`, (base) => [...base, [name, value]]);
        await probe("__intent__ as a file", (base) => [...base, ["__intent__", new File(["{}"], "x.json")]]);
        // conform parses repeats of one name in quadratic time: readForm must refuse them before it does.
        const repeatedName = fresh[0]?.[0] ?? "x";
        await probe(`${repeatedName} ×100000`, (base) => [...base, ...Array.from({ length: 100_000 }, (): [string, string] => [repeatedName, "1"])]);
        for (const name of [...new Set([...fresh.map(([k]) => k), ...fieldNames])]) {
          const without = (base: Fields) => base.filter(([k]) => k !== name);
          for (const v of HOSTILE_VALUES) await probe(`${name}=${short(v)}`, (base) => [...without(base), [name, v]]);
          await probe(`${name} twice`, (base) => [...without(base), [name, "1"], [name, "2"]]);
          await probe(`${name} as a file`, (base) => [...without(base), [name, new File(["1"], "x.txt")]]);
        }
      }
    }

    // Hostile params and cookies with a valid body and with none.
    for (const who of who_) {
      const [[, first]] = await validOnes();
      for (const p of paramSets.slice(1)) {
        await run("action", who, p.params, `${p.label}, empty body`, { body: "", type: URLENCODED });
        await run("action", who, p.params, `${p.label}, valid body`, encode(Object.entries(first)));
      }
    }
    for (const c of HOSTILE_COOKIES) await run("action", "anonymous", valid, `cookie ${short(c)}`, { body: "", type: URLENCODED }, "", c);
  }
  return calls;
}

// ---------------------------------------------------------------------------------------------------

const failures: Failure[] = [];
/** Actions that take no form; every other action needs an entry in validBodies (else its empty body is a 400 below). */
const BODILESS_ACTIONS = ["$", "logout", "viden.abonnement.afmeld.$token", "viden.abonnement.bekraeft.$token"];
/** The best status a route's valid body got from any role: above 399 means the sweep only ever met validation. */
const validBodyStatus = new Map<string, number>();
const counted = { routes: 0, calls: 0 };

describe("no user input causes a 500", () => {
  it("finds every route module", () => {
    expect(ROUTES.map((r) => r.id)).toEqual(expect.arrayContaining(["root", "$", "login", "udgivelser.$id._index", "initiativer.$id.som.$cid_.v.$vid[.xlsx]", "admin.revision", "admin.revision[.csv]", "admin.revision[.jsonl]"]));
    expect(ROUTES.some((r) => /\/(ui|actions\.server)\.tsx?$/.test(r.file))).toBe(false);
  });

  it.each(ROUTES.map((r) => [r.id, r.file]))("%s", async (id, file) => {
    const mod = await MODULES[file]();
    if (!mod.loader && !mod.action) return;
    counted.routes++;
    counted.calls += await sweepRoute(id, mod, failures);
  }, 120_000);

  it("got past validation with each route's valid body, so the probes beside it reach the code behind", () => {
    const stuck = [...validBodyStatus].filter(([, status]) => status >= 400).map(([route, status]) => `${route}: ${status}`);
    expect(validBodyStatus.size).toBeGreaterThan(25);
    expect(stuck).toEqual([]);
  });

  it("answered every probe with a status below 500", () => {
    // One row per route, input and error; the roles that hit it share the row.
    const rows = new Map<string, Failure & { roles: Set<Who> }>();
    for (const f of failures) {
      const key = `${f.route}|${f.input}|${f.thrown}`;
      rows.set(key, rows.get(key) ?? { ...f, roles: new Set() });
      rows.get(key)!.roles.add(f.role);
    }
    const table = [...rows.values()].map((r) => `| ${r.route} | ${[...r.roles].join(", ")} | ${r.input} | ${r.thrown} |`);
    console.info(`swept ${counted.routes} routes with ${counted.calls} calls`);
    expect(table.length, `${table.length} inputs answered 500:\n| route | role | input | thrown |\n|---|---|---|---|\n${table.join("\n")}\n`).toBe(0);
    // conform refuses __proto__ paths; the probes above would have polluted every object if it did not.
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
