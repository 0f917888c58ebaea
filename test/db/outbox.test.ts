// The outbox end to end against a real SMTP server in the test process: who gets queued, delivery,
// back-off while the mail server is down, no double sends between two workers, digests, cancellation.
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type Db, type Executor } from "#db/client";
import {
  buildDueDigests, claimDueMessages, countReleaseReach, enqueueReleaseNotices, type OutboxRow, type ReleaseForNotice,
} from "#db/queries/outbox";
import {
  confirmSubscription, createPendingSubscription, getSubscriptionByUnsubscribeTokenHash, unsubscribe, type FollowedArea,
} from "#db/queries/subscriptions";
import { deliverDueMessages } from "~/mail/deliver.server";
import { hashToken, newToken } from "~/mail/tokens.server";
import { createMailTransport, type MailConfig } from "~/mail/transport.server";
import { databaseTarget, db } from "~/utils/db.server";
import { isPostgresRun } from "../setup/databases";
import { closedPort, startSmtpSink, type SmtpSink } from "../support/smtp-sink";

const T0 = "2026-12-01T10:00:00.000Z"; // a Tuesday
const at = (iso: string, ms: number) => new Date(Date.parse(iso) + ms);
const MIN = 60_000;

const sinks: SmtpSink[] = [];
const extraDbs: Db[] = [];
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.close()));
  await Promise.all(extraDbs.splice(0).map((d) => d.destroy()));
});

async function sink(o: Parameters<typeof startSmtpSink>[0] = {}) {
  const s = await startSmtpSink(o);
  sinks.push(s);
  return s;
}

function config(port: number): MailConfig {
  return { host: "127.0.0.1", port, secure: false, from: "SUSI Tracker <noreply@susi.test>", baseUrl: "https://susi.test" };
}

function deliver(port: number, now: Date, d: Db = db(), extra: { limit?: number } = {}) {
  const c = config(port);
  const transport = createMailTransport(c);
  return deliverDueMessages(d, { config: c, transport, now: () => now, ...extra }).finally(() => transport.close?.());
}

async function subscriber(
  email: string,
  o: { areas?: FollowedArea[]; topics?: string[]; frequency?: "immediate" | "weekly"; status?: "pending" | "confirmed" | "unsubscribed" } = {},
): Promise<number> {
  const token = newToken();
  const { subscriberId } = await db().transaction().execute((trx) =>
    createPendingSubscription(trx, {
      email, municipalityCode: "101", areas: o.areas ?? ["adults"], topics: o.topics ?? [], frequency: o.frequency ?? "immediate",
      confirmTokenHash: hashToken(token),
    }, token, T0),
  );
  // The confirmation mail is not what these tests are about; it counts as sent.
  await db().updateTable("outbox").set({ status: "sent", next_attempt_at: null }).where("subscriber_id", "=", subscriberId).execute();
  if (o.status !== "pending") await db().transaction().execute((trx) => confirmSubscription(trx, hashToken(token), T0));
  if (o.status === "unsubscribed") await db().transaction().execute((trx) => unsubscribe(trx, subscriberId, T0));
  return subscriberId;
}

const release = (o: Partial<ReleaseForNotice> = {}): ReleaseForNotice => ({
  id: 501, title: "Recovery i socialpsykiatrien", summary: "Hvad vi har lært i afprøvningen.", areas: ["adults"],
  topics: ["Recovery"], edition: 1, url: "/viden/recovery-i-socialpsykiatrien", ...o,
});

const publish = (r: ReleaseForNotice, now = T0) => db().transaction().execute((trx) => enqueueReleaseNotices(trx, r, now));

const notices = () =>
  db().selectFrom("outbox").selectAll().where("kind", "in", ["notice", "digest"]).orderBy("id").execute();

describe("who is queued", () => {
  it("confirmed subscribers following the area or a topic, nobody unconfirmed or unsubscribed, and nobody twice", async () => {
    const adults = await subscriber("voksne@kommune.dk", { areas: ["adults"] });
    await subscriber("boern@kommune.dk", { areas: ["children"] });
    const topic = await subscriber("emne@kommune.dk", { areas: [], topics: ["  RECOVERY "] });
    const weekly = await subscriber("ugentlig@kommune.dk", { areas: ["adults"], frequency: "weekly" });
    await subscriber("afventer@kommune.dk", { areas: ["adults"], status: "pending" });
    await subscriber("afmeldt@kommune.dk", { areas: ["adults"], status: "unsubscribed" });

    expect(await publish(release())).toBe(3);
    const rows = await notices();
    expect(rows.map((r) => [r.subscriber_id, r.status, r.next_attempt_at])).toEqual([
      [adults, "pending", T0],
      [topic, "pending", T0],
    ]);
    const digest = await db().selectFrom("release_notices").selectAll().where("subscriber_id", "=", weekly).executeTakeFirstOrThrow();
    expect(digest).toMatchObject({ outbox_id: null, digest_due_at: "2026-12-07T06:00:00.000Z" });

    // Publishing the same release id again (a retried request) queues nobody twice.
    expect(await publish(release())).toBe(0);
    expect(await countReleaseReach(db(), 501)).toBe(3);
  });

  it("a topic matches whatever its case and spacing, Danish letters included", async () => {
    const s = await subscriber("emne@kommune.dk", { areas: [], topics: ["Børn i  ANBRINGELSE"] });
    expect(await publish(release({ areas: ["adults"], topics: ["børn i anbringelse"] }))).toBe(1);
    expect((await notices())[0].subscriber_id).toBe(s);
  });

  it("a rolled-back publication queues nothing", async () => {
    await subscriber("voksne@kommune.dk");
    await expect(db().transaction().execute(async (trx) => {
      await enqueueReleaseNotices(trx, release(), T0);
      throw new Error("publishing failed");
    })).rejects.toThrow("publishing failed");
    expect(await notices()).toEqual([]);
    expect(await countReleaseReach(db(), 501)).toBe(0);
  });
});

describe("delivery", () => {
  it("sends a notice at once, with a working one-click unsubscribe link in the body and the headers", async () => {
    const smtp = await sink();
    const s = await subscriber("voksne@kommune.dk");
    await publish(release());

    expect(await deliver(smtp.port, new Date(T0))).toMatchObject({ claimed: 1, sent: 1, retrying: 0, dead: 0 });
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0];
    expect(mail.to).toEqual(["voksne@kommune.dk"]);
    expect(mail.subject).toBe("Ny viden: Recovery i socialpsykiatrien");
    expect(mail.text).toContain("https://susi.test/viden/recovery-i-socialpsykiatrien");
    expect(mail.html).toContain("Recovery i socialpsykiatrien");
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const link = /^<(https:\/\/susi\.test\/viden\/abonnement\/afmeld\/([\w-]{43}))>$/.exec(mail.headers["list-unsubscribe"]);
    expect(link).not.toBeNull();
    expect(mail.text).toContain(link![1]);
    expect((await getSubscriptionByUnsubscribeTokenHash(db(), hashToken(link![2])))?.id).toBe(s);

    const [row] = await notices();
    expect(row).toMatchObject({ status: "sent", attempts: 1, sent_at: T0, next_attempt_at: null, lease_token: null });
    expect(mail.headers["message-id"]).toBe(`<${row.message_id}@susi.test>`);
    // The plain token is in the mail only; the database keeps its hash.
    expect(row.unsubscribe_token_hash).toBe(hashToken(link![2]));
    expect(await deliver(smtp.port, at(T0, 60 * MIN))).toMatchObject({ claimed: 0 });
    expect(smtp.messages).toHaveLength(1);
  });

  it("while the mail server is down the notice waits with back-off, then goes out exactly once", async () => {
    await subscriber("voksne@kommune.dk");
    await publish(release());
    const down = await closedPort();

    expect(await deliver(down, new Date(T0))).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });
    let [row] = await notices();
    expect(row).toMatchObject({ status: "pending", attempts: 1, next_attempt_at: at(T0, 1 * MIN).toISOString(), lease_token: null });
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);

    // Not due yet: nobody tries, not even against a live server.
    const smtp = await sink();
    expect(await deliver(smtp.port, at(T0, 30_000))).toMatchObject({ claimed: 0 });
    // The second failure doubles the wait.
    expect(await deliver(down, at(T0, 1 * MIN))).toMatchObject({ retrying: 1 });
    [row] = await notices();
    expect(row).toMatchObject({ status: "pending", attempts: 2, next_attempt_at: at(T0, 3 * MIN).toISOString() });

    expect(await deliver(smtp.port, at(T0, 3 * MIN))).toMatchObject({ claimed: 1, sent: 1 });
    expect(await deliver(smtp.port, at(T0, 120 * MIN))).toMatchObject({ claimed: 0 });
    expect(smtp.messages).toHaveLength(1);
    [row] = await notices();
    expect(row).toMatchObject({ status: "sent", attempts: 3, last_error: null });
  });

  it("two workers on their own connections, running at once, deliver every notice exactly once", async () => {
    const smtp = await sink({ delayMs: 15 });
    for (let i = 0; i < 12; i++) await subscriber(`kontakt${i}@kommune.dk`);
    await publish(release());
    // Two pools on this test's own database (a SQLite file or a PostgreSQL database).
    const target = databaseTarget()!;
    const a = createDb(target);
    const b = createDb(target);
    extraDbs.push(a, b);

    const worker = async (d: Db) => {
      let sent = 0;
      for (;;) {
        const r = await deliver(smtp.port, new Date(T0), d, { limit: 2 });
        sent += r.sent;
        if (!r.claimed) return sent;
      }
    };
    // How the two share the work depends on the scheduler; that no mail goes twice does not.
    const [sentA, sentB] = await Promise.all([worker(a), worker(b)]);
    expect(sentA + sentB).toBe(12);
    const recipients = smtp.messages.flatMap((m) => m.to).sort();
    expect(recipients).toEqual(Array.from({ length: 12 }, (_, i) => `kontakt${i}@kommune.dk`).sort());
    expect((await notices()).every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  it("a second worker takes only the mail the first has not claimed, while the first is still sending", async () => {
    let open!: () => void;
    const smtp = await sink({ hold: new Promise<void>((r) => (open = r)) });
    for (let i = 0; i < 12; i++) await subscriber(`kontakt${i}@kommune.dk`);
    await publish(release());
    const target = databaseTarget()!;
    const a = createDb(target);
    const b = createDb(target);
    extraDbs.push(a, b);
    const sending = async (n: number) => {
      for (;;) {
        const rows = await notices();
        if (rows.filter((r) => r.status === "sending").length >= n) return;
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    // A claims two and is held at the mail server; B, started then, claims the other ten.
    const first = deliver(smtp.port, new Date(T0), a, { limit: 2 });
    await sending(2);
    const second = deliver(smtp.port, new Date(T0), b, { limit: 50 });
    await sending(12);
    open();
    const [ra, rb] = await Promise.all([first, second]);
    expect([ra.claimed, ra.sent, rb.claimed, rb.sent]).toEqual([2, 2, 10, 10]);
    expect(smtp.messages.flatMap((m) => m.to).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `kontakt${i}@kommune.dk`).sort());
    expect((await notices()).every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  it.runIf(isPostgresRun())("PostgreSQL: two claims at the same instant take disjoint rows, and neither waits for the other", async () => {
    for (let i = 0; i < 12; i++) await subscriber(`kontakt${i}@kommune.dk`);
    await publish(release());
    const target = databaseTarget()!;
    const a = createDb(target);
    const b = createDb(target);
    extraDbs.push(a, b);
    const claim = (d: Executor, token: string, limit: number) =>
      claimDueMessages(d, { now: T0, leaseToken: token, lockedUntil: at(T0, 5 * MIN).toISOString(), limit });
    // A's claim is made and not yet committed: its rows are locked. B's claim skips them instead of waiting.
    let commit!: () => void;
    const held = new Promise<void>((r) => (commit = r));
    let claimedA!: (rows: OutboxRow[]) => void;
    const rowsA = new Promise<OutboxRow[]>((r) => (claimedA = r));
    const txA = a.transaction().execute(async (trx) => { claimedA(await claim(trx, "worker-a", 5)); await held; });
    const fromA = await rowsA;
    const fromB = await claim(b, "worker-b", 50);
    commit();
    await txA;
    expect(fromA).toHaveLength(5);
    expect(fromB).toHaveLength(7);
    const ids = [...fromA, ...fromB].map((r) => r.id);
    expect(new Set(ids).size).toBe(12);
    const rows = await notices();
    expect(rows.every((r) => r.status === "sending" && r.attempts === 1)).toBe(true);
    expect(rows.filter((r) => r.lease_token === "worker-a")).toHaveLength(5);
  });

  it("a row whose worker died mid-send is taken over when the lease runs out and sent with the same Message-ID", async () => {
    const smtp = await sink();
    await subscriber("voksne@kommune.dk");
    await publish(release());
    const [row] = await notices();
    // As a worker leaves it when the process dies between claim and mark.
    await db().updateTable("outbox")
      .set({ status: "sending", attempts: 1, lease_token: "dead-worker", locked_until: at(T0, 5 * MIN).toISOString() })
      .where("id", "=", row.id).execute();

    expect(await deliver(smtp.port, at(T0, 4 * MIN))).toMatchObject({ claimed: 0 });
    expect(await deliver(smtp.port, at(T0, 5 * MIN))).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.messages[0].headers["message-id"]).toBe(`<${row.message_id}@susi.test>`);
    expect((await notices())[0]).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("a mail server that refuses the address (5xx) makes the row dead at once, kept with the reason", async () => {
    const smtp = await sink({ reject: (rcpt) => rcpt.startsWith("ukendt") });
    await subscriber("ukendt@kommune.dk");
    await subscriber("voksne@kommune.dk");
    await publish(release());
    expect(await deliver(smtp.port, new Date(T0))).toMatchObject({ sent: 1, dead: 1 });
    const rows = await notices();
    expect(rows.find((r) => r.recipient === "ukendt@kommune.dk")).toMatchObject({ status: "dead", attempts: 1, next_attempt_at: null });
    expect(rows.find((r) => r.recipient === "ukendt@kommune.dk")?.last_error).toContain("550");
    expect(smtp.messages.map((m) => m.to)).toEqual([["voksne@kommune.dk"]]);
  });

  it("someone who unsubscribes before the notice goes out gets nothing", async () => {
    const smtp = await sink();
    const s = await subscriber("voksne@kommune.dk");
    await publish(release());
    await db().transaction().execute((trx) => unsubscribe(trx, s, at(T0, 1000).toISOString()));
    expect(await deliver(smtp.port, at(T0, MIN))).toMatchObject({ claimed: 0 });
    expect(smtp.messages).toEqual([]);
    expect((await notices())[0].status).toBe("cancelled");
  });

  it("an unconfirmed subscriber gets the confirmation mail and nothing else", async () => {
    const smtp = await sink();
    const token = newToken();
    await db().transaction().execute((trx) =>
      createPendingSubscription(trx, {
        email: "ny@kommune.dk", municipalityCode: "101", areas: ["adults"], topics: [], frequency: "immediate", confirmTokenHash: hashToken(token),
      }, token, T0),
    );
    expect(await publish(release())).toBe(0);
    await deliver(smtp.port, new Date(T0));
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].subject).toBe("Bekræft dit abonnement på ny viden");
    expect(smtp.messages[0].text).toContain(`https://susi.test/viden/abonnement/bekraeft/${token}`);
    expect(smtp.messages[0].text).toContain("København");
    expect(smtp.messages[0].headers["list-unsubscribe"]).toMatch(/\/viden\/abonnement\/afmeld\//);
  });
});

describe("weekly digest", () => {
  it("collects the week's releases into one mail on Monday morning, once", async () => {
    const smtp = await sink();
    await subscriber("ugentlig@kommune.dk", { frequency: "weekly" });
    await publish(release({ id: 601, title: "Første udgivelse" }), "2026-12-01T10:00:00.000Z");
    await publish(release({ id: 602, title: "Anden udgivelse", edition: 2 }), "2026-12-03T10:00:00.000Z");

    expect(await deliver(smtp.port, new Date("2026-12-06T23:00:00.000Z"))).toMatchObject({ digestsBuilt: 0, claimed: 0 });
    expect(await deliver(smtp.port, new Date("2026-12-07T06:00:00.000Z"))).toMatchObject({ digestsBuilt: 1, sent: 1 });
    expect(await deliver(smtp.port, new Date("2026-12-07T07:00:00.000Z"))).toMatchObject({ digestsBuilt: 0, claimed: 0 });
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0];
    expect(mail.subject).toBe("Ugens nye viden: 2 udgivelser");
    expect(mail.text).toContain("Første udgivelse");
    expect(mail.text).toContain("Anden udgivelse (udgave 2)");
    expect(mail.headers["list-unsubscribe"]).toMatch(/afmeld/);
    const linked = await db().selectFrom("release_notices").select("outbox_id").execute();
    expect(new Set(linked.map((r) => r.outbox_id)).size).toBe(1);
    expect(await countReleaseReach(db(), 601)).toBe(1);
  });
});

describe("a large digest run", () => {
  // Issue 14: long work (digests among it) must not block the event loop. On SQLite every statement runs
  // synchronously, so without a yield a run over thousands of subscribers holds the loop from start to end.
  // Asserted as interleaving, not as a duration: a timer set as the run starts, and the read it makes (another
  // request's work), finish before the run does.
  it("yields between subscribers: a timer and another query are served before a run for many subscribers ends", async () => {
    const SUBSCRIBERS = 60;
    for (let i = 0; i < SUBSCRIBERS; i++) await subscriber(`ugentlig${i}@kommune.dk`, { frequency: "weekly" });
    await publish(release({ id: 701, title: "Til mange" }));
    const order: string[] = [];
    const run = buildDueDigests(db(), "2026-12-07T06:00:00.000Z").then((n) => {
      order.push("run finished");
      return n;
    });
    setTimeout(() => {
      order.push("timer");
      void countReleaseReach(db(), 701).then(() => order.push("query answered"));
    }, 0);
    expect(await run).toBe(SUBSCRIBERS);
    expect(order).toEqual(["timer", "query answered", "run finished"]);
    // Every subscriber got exactly one digest, and every notice points at its subscriber's digest.
    const digests = await db().selectFrom("outbox").select(["id", "subscriber_id"]).where("kind", "=", "digest").execute();
    expect(new Set(digests.map((d) => d.subscriber_id)).size).toBe(SUBSCRIBERS);
    const linked = await db().selectFrom("release_notices").select(["subscriber_id", "outbox_id"]).where("release_id", "=", 701).execute();
    const digestOf = new Map(digests.map((d) => [d.subscriber_id, d.id]));
    expect(linked.every((n) => n.outbox_id === digestOf.get(n.subscriber_id))).toBe(true);
    expect(await buildDueDigests(db(), "2026-12-07T06:00:00.000Z")).toBe(0);
  });
});

describe("erasure of addresses (the privacy notice's 30 days)", () => {
  const day = 24 * 3_600_000;
  const after = (days: number) => new Date(Date.parse(T0) + days * day);
  const row = (id: number) => db().selectFrom("subscribers").select(["email", "status", "erased_at"]).where("id", "=", id).executeTakeFirstOrThrow();

  it("erases an ended subscription's address 30 days after it ended, with the mails sent to it, and keeps the row", async () => {
    const smtp = await sink();
    const ended = await subscriber("ophoert@kommune.dk", { status: "unsubscribed" });
    const staying = await subscriber("bliver@kommune.dk");
    expect(await deliver(smtp.port, after(29))).toMatchObject({ erased: 0 });
    expect((await row(ended)).email).toBe("ophoert@kommune.dk");
    expect(await deliver(smtp.port, after(30))).toMatchObject({ erased: 1 });
    expect(await row(ended)).toEqual({ email: "", status: "unsubscribed", erased_at: after(30).toISOString() });
    expect(await row(staying)).toMatchObject({ email: "bliver@kommune.dk", erased_at: null });
    const recipients = await db().selectFrom("outbox").select("recipient").where("subscriber_id", "=", ended).execute();
    expect(recipients.length).toBeGreaterThan(0);
    expect(recipients.every((r) => r.recipient === "")).toBe(true);
    const history = await db().selectFrom("history").select("action").where("entity", "=", "subscriber").where("entity_id", "=", ended).execute();
    expect(history.map((h) => h.action)).toContain("subscription.erased");
    // Once erased, a later pass finds nothing more to do.
    expect(await deliver(smtp.port, after(60))).toMatchObject({ erased: 0 });
  });

  it("erases a request never confirmed 30 days after it was made, and never a confirmed subscriber", async () => {
    const smtp = await sink();
    const unconfirmed = await subscriber("glemt@kommune.dk", { status: "pending" });
    const confirmed = await subscriber("aktiv@kommune.dk");
    expect(await deliver(smtp.port, after(400))).toMatchObject({ erased: 1 });
    expect(await row(unconfirmed)).toMatchObject({ email: "", status: "pending" });
    expect((await row(confirmed)).email).toBe("aktiv@kommune.dk");
  });
});
