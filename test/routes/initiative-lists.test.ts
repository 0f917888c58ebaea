// The initiative page shows the latest assessments, decisions and history with "vis alle" pages; the list's
// search uses the text index (Danish letters folded by case, kept in sync by triggers).
import { describe, expect, it } from "vitest";
import { appendHistory } from "#db/queries/history";
import { createInitiative, updateInitiative } from "#db/queries/initiatives";
import { loader as allLoader } from "~/routes/initiativer.$id.alle.$liste/route";
import { loader as pageLoader } from "~/routes/initiativer.$id._index/route";
import { loader as listLoader } from "~/routes/initiativer._index/route";
import { db } from "~/utils/db.server";
import { args, get, outcome, sessionCookieFor, statusOf, thrown } from "./helpers";

const NOW = "2026-12-02T10:00:00.000Z";

async function newInitiative(title: string, targetGroup = "voksne") {
  return db().transaction().execute((trx) => createInitiative(trx, {
    title, description: "", area: "adults", targetGroup, agreementYears: [2025], track: null, trackReason: "",
    prototypeDescription: "", phase: "maturation", status: "active", framework: "susi2",
  }, null, NOW));
}

async function withHistory(id: number, extra: number) {
  for (let n = 0; n < extra; n++) {
    await appendHistory(db(), { initiativeId: id, actorId: null, at: NOW, action: "test.event", entity: "initiative", entityId: id, after: { n } });
  }
}

async function withAssessments(id: number, n: number) {
  const user = await db().selectFrom("users").select("id").executeTakeFirstOrThrow();
  await db().insertInto("assessments").values(Array.from({ length: n }, (_, k) => ({
    initiative_id: id, from_phase: "maturation", to_phase: "trial", status: "submitted", overall_assessment: "", recommendation: "",
    created_by: user.id, created_at: `2026-01-${String(k + 1).padStart(2, "0")}T09:00:00.000Z`, submitted_by: user.id,
    submitted_at: `2026-01-${String(k + 1).padStart(2, "0")}T10:00:00.000Z`, version: 2,
  }))).execute();
}

describe("initiative page: latest rows and vis alle", () => {
  it("shows the latest 10 history rows and 10 assessments with their totals", async () => {
    const cookie = await sessionCookieFor("knowledge_staff");
    const id = await newInitiative("Mange hændelser");
    await withHistory(id, 60);
    await withAssessments(id, 12);
    const page = await pageLoader(args(get(`/initiativer/${id}`, cookie), { id }));
    expect(page.history).toHaveLength(10);
    expect(page.totals.history).toBe(61); // 60 + initiative.created
    expect(page.history[0].id).toBeGreaterThan(page.history[9].id); // newest first
    expect(page.assessments).toHaveLength(10);
    expect(page.totals.assessments).toBe(12);
    expect(page.assessments[0].at).toBe("2026-01-12T10:00:00.000Z");
  });

  it("pages the whole history 50 at a time, newest first", async () => {
    const cookie = await sessionCookieFor("knowledge_staff");
    const id = await newInitiative("Lang historik");
    await withHistory(id, 60);
    const first = await allLoader(args(get(`/initiativer/${id}/alle/historik`, cookie), { id, liste: "historik" }));
    expect(first.total).toBe(61);
    expect(first.history).toHaveLength(50);
    const second = await allLoader(args(get(`/initiativer/${id}/alle/historik?page=2`, cookie), { id, liste: "historik" }));
    expect(second.history).toHaveLength(11);
    expect(second.history.at(-1)?.action).toBe("initiative.created");
    const ids = [...first.history, ...second.history].map((h) => h.id);
    expect(new Set(ids).size).toBe(61);
  });

  it("lists every assessment and decision on their pages", async () => {
    const cookie = await sessionCookieFor("steering_group");
    const id = await newInitiative("Mange vurderinger");
    await withAssessments(id, 12);
    const all = await allLoader(args(get(`/initiativer/${id}/alle/vurderinger`, cookie), { id, liste: "vurderinger" }));
    expect(all.assessments).toHaveLength(12);
    expect(all.assessments.map((a) => a.at)).toEqual([...all.assessments.map((a) => a.at)].sort().reverse());
    const decisions = await allLoader(args(get(`/initiativer/${id}/alle/beslutninger`, cookie), { id, liste: "beslutninger" }));
    expect(decisions).toMatchObject({ total: 0, decisions: [] });
  });

  it("refuses unknown lists and initiatives (404), bad pages (400) and anonymous readers (login)", async () => {
    const cookie = await sessionCookieFor("knowledge_staff");
    expect(statusOf(await thrown(allLoader(args(get("/initiativer/1/alle/andet", cookie), { id: "1", liste: "andet" }))))).toBe(404);
    expect(statusOf(await thrown(allLoader(args(get("/initiativer/999999/alle/historik", cookie), { id: "999999", liste: "historik" }))))).toBe(404);
    for (const page of ["0", "-1", "abc", "1e3"]) {
      expect(statusOf(await thrown(allLoader(args(get(`/initiativer/1/alle/historik?page=${page}`, cookie), { id: "1", liste: "historik" }))))).toBe(400);
    }
    const anonymous = await outcome(allLoader(args(get("/initiativer/1/alle/historik"), { id: "1", liste: "historik" })));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toContain("/login");
  });
});

describe("initiative search (text index)", () => {
  const search = async (q: string) => {
    const cookie = await sessionCookieFor("knowledge_staff");
    const res = await listLoader(args(get(`/initiativer?q=${encodeURIComponent(q)}`, cookie)));
    return res.rows.map((r) => r.title);
  };

  it("matches Danish letters in either case, as substrings of title or target group", async () => {
    await newInitiative("Ældre på Ærø får støtte", "ensomme borgere");
    await newInitiative("Åben rådgivning i Aabenraa", "UNGE FORÆLDRE");
    for (const q of ["ærø", "ÆRØ", "Ærø", "ÆLDRE på", "STØTTE"]) expect(await search(q)).toContain("Ældre på Ærø får støtte");
    for (const q of ["åben", "ÅBEN RÅD", "forældre", "unge for"]) expect(await search(q)).toContain("Åben rådgivning i Aabenraa");
    expect(await search("somme bor")).toContain("Ældre på Ærø får støtte"); // inside words, across a space
    expect(await search("aero")).not.toContain("Ældre på Ærø får støtte"); // å/æ/ø are letters, not accents
    expect(await search("Å")).toContain("Åben rådgivning i Aabenraa"); // shorter than a trigram
    expect(await search("æ")).toContain("Ældre på Ærø får støtte");
  });

  it("follows edits: the index is kept in sync by triggers", async () => {
    const id = await newInitiative("Gammel titel om hjemløshed");
    expect(await search("hjemløshed")).toContain("Gammel titel om hjemløshed");
    const user = await db().selectFrom("users").select("id").executeTakeFirstOrThrow();
    await db().transaction().execute((trx) => updateInitiative(trx, id, 1, {
      title: "Ny titel om bøgeskove", description: "", area: "adults", targetGroup: "voksne", agreementYears: [2025], track: null,
      trackReason: "", prototypeDescription: "",
    }, user.id, NOW));
    expect(await search("Gammel titel")).toEqual([]);
    expect(await search("BØGESKOVE")).toEqual(["Ny titel om bøgeskove"]);
  });

  it("treats quotes and FTS syntax in the query as text", async () => {
    await newInitiative('Projekt "Kæden" AND NOT OR *');
    expect(await search('"Kæden" AND')).toEqual(['Projekt "Kæden" AND NOT OR *']);
    expect(await search("NOT OR *")).toEqual(['Projekt "Kæden" AND NOT OR *']);
    expect(await search("%")).toEqual([]);
  });
});
