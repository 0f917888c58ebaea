// Many requests at once on one record, through the routes' own actions with real Requests. On PostgreSQL
// (`npm run test:pg`) they run as concurrent transactions on the pool's connections, which is where
// read-then-write races show; on SQLite the one connection runs them one after another, and the same
// answers must come out. Exactly one of each set of conflicting changes wins; the others answer 409
// (a stale form) or, where the step is idempotent, land on what the winner made.
import { describe, expect, it } from "vitest";
import { createInitiative, getInitiative } from "#db/queries/initiatives";
import { getRelease } from "#db/queries/releases";
import { dialectOf } from "#db/dialect";
import * as decisionRoute from "~/routes/initiativer.$id.beslutning/route";
import * as editRoute from "~/routes/initiativer.$id.rediger/route";
import * as startAssessmentRoute from "~/routes/initiativer.$id.vurdering.ny/route";
import * as newReleaseRoute from "~/routes/udgivelser.ny/route";
import * as releaseRoute from "~/routes/udgivelser.$id._index/route";
import { db } from "~/utils/db.server";
import { isPostgresRun } from "../setup/databases";
import { meetingFor } from "./governance-fixtures";
import { args, BASE, formRequest, outcome, sessionCookieFor, sessionCookieForEmail, type Outcome } from "./helpers";

const N = 50;

async function newInitiative(phase: "screening" | "trial" = "screening") {
  return db().transaction().execute((trx) =>
    createInitiative(trx, {
      title: "Samtidige beslutninger", description: "", area: "children", targetGroup: "Unge", agreementYears: [2024],
      track: 1, trackReason: "Udføres ensartet", prototypeDescription: "Manual og forløb",
      phase, status: "active", framework: "susi2",
    }, null, "2026-01-01T00:00:00.000Z"),
  );
}

const count = async (table: "decisions" | "history" | "assessments", initiativeId: number, where?: { action: string }) => {
  let q = db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).where("initiative_id", "=", initiativeId);
  if (where && table === "history") q = q.where("action" as never, "=", where.action as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

const statuses = (answers: Outcome[]) => answers.map((a) => a.status).sort((a, b) => a - b);

describe("concurrent requests on one record", () => {
  it("runs on the database this run is for", () => {
    expect(dialectOf(db())).toBe(isPostgresRun() ? "postgres" : "sqlite");
  });

  it(`${N} conflicting decisions at once: exactly one is recorded, the other ${N - 1} answer 409`, { timeout: 120_000 }, async () => {
    const id = await newInitiative();
    const cookie = await sessionCookieFor("steering_group");
    const meetingId = await meetingFor(id);
    // Members deciding differently on the same version of the initiative, at the same meeting.
    const bodies = Array.from({ length: N }, (_, i) =>
      i % 2 === 0
        ? { outcome: "hold", rationale: `Vi afventer mere viden (${i}).`, version: "1", meetingId, confirmed: "yes" }
        : { outcome: "stop", rationale: `Indsatsen stoppes (${i}).`, version: "1", meetingId, confirmed: "yes" });
    const answers = await Promise.all(bodies.map((b) =>
      outcome(decisionRoute.action(args(formRequest(`${BASE}/initiativer/${id}/beslutning`, b, cookie), { id: String(id) })))));
    expect(statuses(answers)).toEqual([302, ...Array(N - 1).fill(409)]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.data).toMatchObject({ conflict: true });
    expect(await count("decisions", id)).toBe(1);
    expect(await count("history", id, { action: "decision.made" })).toBe(1);
    const after = await getInitiative(db(), id);
    expect(after?.version).toBe(2);
    // The initiative shows the one decision that was recorded.
    const decision = await db().selectFrom("decisions").select(["outcome", "resulting_status"]).where("initiative_id", "=", id).executeTakeFirstOrThrow();
    expect(after?.status).toBe(decision.resulting_status);
  });

  it("20 edits of one version at once: one is saved, the rest answer 409 with nothing written", { timeout: 120_000 }, async () => {
    const id = await newInitiative();
    const cookie = await sessionCookieFor("program_manager");
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      outcome(editRoute.action(args(formRequest(`${BASE}/initiativer/${id}/rediger`, {
        title: `Samtidige beslutninger ${i}`, description: `Udgave ${i}`, area: "children", targetGroup: "Unge", agreementYears: "2024",
        track: "1", trackReason: "Udføres ensartet", prototypeDescription: "Manual og forløb", version: "1",
      }, cookie), { id: String(id) })))));
    expect(statuses(answers)).toEqual([302, ...Array(19).fill(409)]);
    const after = await getInitiative(db(), id);
    expect(after?.version).toBe(2);
    expect(await count("history", id, { action: "initiative.updated" })).toBe(1);
  });

  it("20 assessors starting the same assessment at once get one draft between them", { timeout: 120_000 }, async () => {
    const id = await newInitiative();
    const cookie = await sessionCookieFor("program_manager");
    const answers = await Promise.all(Array.from({ length: 20 }, () =>
      outcome(startAssessmentRoute.action(args(formRequest(`${BASE}/initiativer/${id}/vurdering/ny`, { toPhase: "maturation" }, cookie), { id: String(id) })))));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([302]));
    expect(new Set(answers.map((a) => a.location?.replace(/\?.*$/, ""))).size).toBe(1);
    expect(await count("assessments", id)).toBe(1);
  });
});

describe("concurrent steps on one release", () => {
  const AUTHOR = "videnskonsulent@susi.test";
  const REVIEWER = "redaktoer@susi.test";
  const CONTENT = {
    title: "Samtidighed i udgivelser", summary: "Kort resumé.", bodyMarkdown: "## Erfaringer\n\nTekst.",
    audiences: "municipalities", areas: "adults", newTopics: "unge", maturity: "preliminary",
  };

  async function draft(author: string, title = CONTENT.title) {
    const initiativeId = await newInitiative("trial");
    const res = await outcome(newReleaseRoute.action(args(formRequest(`${BASE}/udgivelser/ny`, { initiativeId: String(initiativeId), phase: "trial", ...CONTENT, title }, author))));
    expect(res.status).toBe(302);
    return Number(/\/udgivelser\/(\d+)$/.exec(res.location ?? "")?.[1]);
  }

  // Irreversible steps ask "are you sure?" first (app/utils/confirm.server.ts); these requests are the confirmed second submit.
  const act = async (id: number, fields: Record<string, string>, cookie: string, version?: number) => {
    const v = version ?? (await getRelease(db(), id))!.version;
    return outcome(releaseRoute.action(args(formRequest(`${BASE}/udgivelser/${id}`, { version: String(v), confirmed: "yes", ...fields }, cookie), { id: String(id) })));
  };

  async function published(title?: string) {
    const author = await sessionCookieForEmail(AUTHOR);
    const reviewer = await sessionCookieForEmail(REVIEWER);
    const id = await draft(author, title);
    expect((await act(id, { intent: "submit" }, author)).status).toBe(302);
    expect((await act(id, { intent: "approve", confirmed: "yes" }, reviewer)).status).toBe(302);
    return { id, author, reviewer };
  }

  it("20 submissions of one version at once: one moves it, the rest answer 409", { timeout: 120_000 }, async () => {
    const author = await sessionCookieForEmail(AUTHOR);
    const id = await draft(author);
    const answers = await Promise.all(Array.from({ length: 20 }, () => act(id, { intent: "submit" }, author, 1)));
    expect(statuses(answers)).toEqual([302, ...Array(19).fill(409)]);
    expect(await getRelease(db(), id)).toMatchObject({ status: "in_review", version: 2 });
  });

  it("20 requests for the next edition at once make one edition 2, and every request opens it", { timeout: 120_000 }, async () => {
    const { id, author } = await published();
    const answers = await Promise.all(Array.from({ length: 20 }, () => act(id, { intent: "new_edition", kind: "minor" }, author)));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([302]));
    const editions = await db().selectFrom("releases").select(["id", "edition"]).where("root_id", "=", id).execute();
    expect(editions).toEqual([{ id: expect.any(Number), edition: 2 }]);
    expect(new Set(answers.map((a) => a.location?.replace(/\/rediger$/, "")))).toEqual(new Set([`/udgivelser/${editions[0].id}`]));
  });

  it("a second row with the same edition number of a release is refused by the database itself", async () => {
    const { id } = await published();
    const base = await getRelease(db(), id);
    const row = {
      title: "x", summary: "x", body_md: "x", area: base!.area, search_text: "x", initiative_id: base!.initiative_id, phase: base!.phase,
      status: "draft" as const, root_id: id, previous_id: id, edition: 2, created_at: base!.created_at, updated_at: base!.updated_at,
    };
    await db().insertInto("releases").values(row).execute();
    await expect(db().insertInto("releases").values(row).execute()).rejects.toThrow();
  });

  it("two releases with the same title published at once get different addresses", { timeout: 120_000 }, async () => {
    const author = await sessionCookieForEmail(AUTHOR);
    const reviewer = await sessionCookieForEmail(REVIEWER);
    const ids = [await draft(author, "Samme titel"), await draft(author, "Samme titel")];
    for (const id of ids) expect((await act(id, { intent: "submit" }, author)).status).toBe(302);
    const answers = await Promise.all(ids.map((id) => act(id, { intent: "approve", confirmed: "yes" }, reviewer)));
    expect(statuses(answers)).toEqual([302, 302]);
    const slugs = await Promise.all(ids.map(async (id) => (await getRelease(db(), id))!.slug));
    expect(new Set(slugs).size).toBe(2);
    expect(slugs).toContain("samme-titel");
  });
});
