// The seeded database: the 42 real UIP initiatives of seed 004, their six successor links, the demo users.
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createDb } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import { DEMO_USERS, seedDatabase } from "#db/seed";
import { getUserByEmail } from "#db/queries/users";
import { verifyPassword } from "#db/password";

async function countBy(column: "area" | "phase" | "status" | "framework") {
  const rows = await db()
    .selectFrom("initiatives")
    .select([column, (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy(column)
    .execute();
  return Object.fromEntries(rows.map((r) => [r[column] as string, Number(r.n)]));
}

async function count(table: "initiatives" | "users" | "initiative_links" | "history") {
  const r = await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe("the seeded database", () => {
  it("holds the 42 initiatives: 27 adults and 15 children", async () => {
    expect(await count("initiatives")).toBe(42);
    expect(await countBy("area")).toEqual({ adults: 27, children: 15 });
  });

  it("maps the phases, including the combined Screening/modning", async () => {
    expect(await countBy("phase")).toEqual({
      screening: 9, screening_maturation: 4, maturation: 20, trial: 2, dissemination: 7,
    });
  });

  it("derives status and framework from the source text and agreement years", async () => {
    // Seed 004 (DECISIONS 0095): 17 rows record an end (14 adults, 3 children; the text counts 13 and 1, see the
    // ambiguous rows there); 5 of them were not carried on. Dissemination's "kan ikke videreføres" tells no end.
    expect(await countBy("status")).toEqual({ active: 25, completed: 12, stopped: 5 });
    expect(await countBy("framework")).toEqual({ susi1: 31, susi2: 11 });
    const first = await db().selectFrom("initiatives").selectAll()
      .where("title", "=", "3 x Bostøttemetoderne CTI, SFT og ÅD").executeTakeFirstOrThrow();
    expect(first).toMatchObject({
      area: "adults", phase: "dissemination", status: "active", framework: "susi1", track: null,
      agreement_label: "UIP 2017, 2018, 2019", susi_assessment_made: "not_applicable",
      source_outcome: "Udbredelsesinitiativer kan ikke videreføres",
    });
    const years = await db().selectFrom("initiative_agreements").select("year").where("initiative_id", "=", first.id).orderBy("year").execute();
    expect(years.map((y) => y.year)).toEqual([2017, 2018, 2019]);
    const partly = await db().selectFrom("initiatives").select(["status", "susi_assessment_made"])
      .where("title", "=", "Forebyggende metoder til psykisk sårbare unge").executeTakeFirstOrThrow();
    expect(partly).toEqual({ status: "stopped", susi_assessment_made: "partly" });
  });

  it("links the six initiatives whose outcome names a successor", async () => {
    const links = await db()
      .selectFrom("initiative_links as l")
      .innerJoin("initiatives as p", "p.id", "l.predecessor_id")
      .innerJoin("initiatives as s", "s.id", "l.successor_id")
      .select(["p.title as predecessor", "s.title as successor"])
      .orderBy("p.title")
      .execute();
    const move = "Modning af styrket ambulante stofmiddelbehandling med MOVE til de mest udsatte unge";
    expect(links).toEqual([
      { predecessor: "ADHD og misbrug", successor: move },
      { predecessor: "Gruppebaseret bostøtteforløb", successor: "Afprøvning af Act-Belong-Commit – grupperforløb – sammen om at styrke mental sundhed" },
      {
        predecessor: "Indsatser til voldsudsatte kvinder (som ikke tager ophold på krisecenter) og voldsudsatte mænd",
        successor: "Modning af model til styrkelse af den kommunale indsats til voldsudsatte",
      },
      {
        predecessor: "Kommunale indsatser og metoder vedrørende spiseforstyrrelser og selvskadende adfærd",
        successor: "Udvikling af indsats til unge med selvskade og spiseforstyrrelse",
      },
      {
        predecessor: "Mennesker med psykiske vanskeligheder og samtidigt misbrug (dobbelbelastede)",
        successor: "Bedre indsats til mennesker med psykiske vanskeligheder og samtidigt misbrug på botilbud",
      },
      {
        predecessor: "Rusmiddelbehandling til de mest belastede unge med samtidigt misbrug og psykiske vanskeligheder og/eller komplekse problemer",
        successor: move,
      },
    ]);
  });

  it("records each created initiative and each link in history", async () => {
    // Other seeds (the SØM example data) write their own history; this checks the initiatives' rows.
    const actions = await db().selectFrom("history").select(["action", (eb) => eb.fn.countAll<number>().as("n")])
      .where("action", "like", "initiative.%").groupBy("action").execute();
    expect(Object.fromEntries(actions.map((a) => [a.action, Number(a.n)]))).toEqual({ "initiative.created": 42, "initiative.linked": 6 });
  });

  it("creates the demo users with their roles and working passwords", async () => {
    expect(await count("users")).toBe(DEMO_USERS.length);
    for (const demo of DEMO_USERS) {
      const user = await getUserByEmail(db(), demo.email);
      expect(user).toMatchObject({ email: demo.email, name: demo.name, role: demo.role, active: 1 });
      expect(user!.password_hash).not.toContain(demo.password);
      expect(await verifyPassword(demo.password, user!.password_hash)).toBe(true);
    }
    const admin = await getUserByEmail(db(), "admin@susi.test");
    expect(await verifyPassword("demo-programleder", admin!.password_hash)).toBe(false);
  });

  it("does nothing when seeded a second time", async () => {
    const before = { initiatives: await count("initiatives"), users: await count("users"), history: await count("history") };
    const result = await seedDatabase(db(), { quiet: true });
    expect(result).toEqual({ seeded: false, reason: "not_empty", initiatives: 42, users: DEMO_USERS.length });
    expect({ initiatives: await count("initiatives"), users: await count("users"), history: await count("history") }).toEqual(before);
  });

  it("does nothing to a database that has users but no initiatives", async () => {
    await db().deleteFrom("initiatives").execute();
    const result = await seedDatabase(db(), { quiet: true });
    expect(result.seeded).toBe(false);
    expect(await count("initiatives")).toBe(0);
  });
});

describe("seedDatabase on an empty database", () => {
  it("reports what it created", async () => {
    const fresh = createDb(":memory:");
    try {
      await migrateToLatest(fresh);
      const result = await seedDatabase(fresh, { quiet: true });
      if (!result.seeded) throw new Error("expected the empty database to be seeded");
      expect(result.import).toMatchObject({ created: 42, createdByArea: { adults: 27, children: 15 }, alreadyPresent: 0, unlinked: [] });
      expect(result.import.links).toHaveLength(6);
      expect(result.users.map((u) => u.email)).toEqual(DEMO_USERS.map((u) => u.email));
    } finally {
      await fresh.destroy();
    }
  });
});
