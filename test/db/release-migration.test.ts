// Migration 2026-12-03T1300 on a database that already has releases (issue 13): topics stored lower-cased get
// back the capitals a release spells them with ("MOVE"), but not a sentence's capital ("Angst" stays "angst");
// every release gets its area in release_areas; matching keys are filled in. Runs on SQLite and PostgreSQL.
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import * as issue13 from "#db/migrations/2026-12-03T1300_releases_for_municipalities";
import { createInitiative } from "#db/queries/initiatives";
import { getRelease } from "#db/queries/releases";
import { emptyDatabase, openDatabase } from "../setup/databases";

const NOW = "2026-12-01T10:00:00.000Z";

describe("the releases-for-municipalities migration", () => {
  it("keeps existing releases readable: areas back-filled, topic case restored where the text shows it", async () => {
    const target = await emptyDatabase();
    const db = openDatabase(target.target);
    try {
      await migrateToLatest(db as unknown as Kysely<any>);
      await issue13.down(db as unknown as Kysely<any>);
      const old = db as unknown as Kysely<any>;
      const initiativeId = await db.transaction().execute((trx) => createInitiative(trx, {
        title: "MOVE i kommunerne", description: "", area: "children", targetGroup: "", agreementYears: [2024], track: 1, trackReason: "x",
        prototypeDescription: "", phase: "trial", status: "active", framework: "susi2",
      }, null, NOW));
      const { id } = await old.insertInto("releases").values({
        edition: 1, initiative_id: initiativeId, phase: "trial", title: "Erfaringer med MOVE", summary: "Angst blandt unge faldt.",
        body_md: "Forløbet MOVE blev afprøvet. Angst er et emne.", area: "children", maturity: "tested", search_text: "", status: "draft",
        created_at: NOW, updated_at: NOW,
      }).returning("id").executeTakeFirstOrThrow();
      await old.insertInto("release_topics").values([{ release_id: id, topic: "move" }, { release_id: id, topic: "angst" }, { release_id: id, topic: "børn og unge" }]).execute();

      await issue13.up(old);
      const r = await getRelease(db as Db, id);
      expect(r).toMatchObject({ areas: ["children"], change_note: "", scheduled_at: null });
      expect(r!.topics).toEqual(["angst", "børn og unge", "MOVE"]);
      const keys = await old.selectFrom("release_topics").select(["topic_key", "topic"]).where("release_id", "=", id).orderBy("topic_key").execute();
      expect(keys).toEqual([{ topic_key: "angst", topic: "angst" }, { topic_key: "børn og unge", topic: "børn og unge" }, { topic_key: "move", topic: "MOVE" }]);
      // The outbox takes withdrawal notices now.
      await old.insertInto("outbox").values({ kind: "withdrawal", recipient: "a@b.dk", payload: "{}", message_id: "m1", status: "pending", created_at: NOW }).execute();
    } finally {
      await db.destroy();
      await target.drop();
    }
  }, 120_000);
});
