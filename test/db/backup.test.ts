// npm run -s db:backup -- FILE under write load (issue 14, DECISIONS 0029): a child process keeps creating
// initiatives through the app's code path and acknowledges each commit; a backup taken meanwhile, restored
// as the README says (the file copied into place, no -wal/-shm beside it), holds every write acknowledged
// before the backup started, passes integrity_check, and its history chain verifies. On the PostgreSQL run
// the command points to pg_dump instead.
import { execFile, spawn } from "node:child_process";
import { copyFileSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { backupSqlite } from "#db/backup";
import { createDb, isPostgresUrl } from "#db/client";
import { verifyHistoryChain } from "#db/queries/history";
import { databaseTarget } from "~/utils/db.server";

const tsx = join(process.cwd(), "node_modules", ".bin", "tsx");
const run = promisify(execFile);

function envFor(target: string) {
  return { ...process.env, ...(isPostgresUrl(target) ? { DATABASE_URL: target } : { DATABASE_PATH: target, DATABASE_URL: "" }) };
}

async function backup(target: string, file: string) {
  return run(tsx, ["scripts/db-backup.ts", file], { env: envFor(target) })
    .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }))
    .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));
}

describe("npm run -s db:backup", () => {
  it("takes a consistent backup while another process writes, and the restored copy has every acknowledged write", async () => {
    const target = databaseTarget()!;
    if (isPostgresUrl(target)) {
      const r = await backup(target, "x.dump");
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("pg_dump");
      return;
    }
    const dir = inject("testDbDir");
    const file = join(dir, `${randomUUID()}-backup.db`);
    const restored = join(dir, `${randomUUID()}-restored.db`);
    const cliFile = join(dir, `${randomUUID()}-cli-backup.db`);

    const writer = spawn(tsx, ["test/support/write-load.ts"], { env: envFor(target), stdio: ["pipe", "pipe", "pipe"] });
    const acks: number[] = [];
    let stderr = "";
    let buffered = "";
    const waiters: { n: number; resolve: () => void }[] = [];
    writer.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    writer.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        const m = /^ack (\d+)$/.exec(line);
        if (m) acks.push(Number(m[1]));
      }
      for (const w of waiters.splice(0)) {
        if (acks.length >= w.n) w.resolve();
        else waiters.push(w);
      }
    });
    const exited = new Promise<number | null>((resolve) => writer.on("exit", resolve));
    const ackCount = (n: number) =>
      new Promise<void>((resolve, reject) => {
        if (acks.length >= n) return resolve();
        waiters.push({ n, resolve });
        void exited.then((code) => reject(new Error(`writer exited (${code}) after ${acks.length} writes: ${stderr}`)));
      });

    try {
      await ackCount(25);
      // The command's own step, run here so "before" is exactly what was acknowledged when it began (it
      // blocks this process while it copies; the writer, another process, carries on).
      const before = [...acks];
      const result = backupSqlite(target, file);
      expect(result.historyRows).toBeGreaterThan(before.length);
      // And the command itself, while the writer still writes.
      const r = await backup(target, cliFile);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("integrity ok");
      // The writer kept writing through the backup and after it.
      await ackCount(before.length + 10);
      writer.stdin.end();
      expect(await exited).toBe(0);
      expect(acks.length).toBeGreaterThan(before.length);

      // Restore as the README says: the backup file becomes the database file, with no -wal/-shm beside it.
      copyFileSync(file, restored);
      expect(existsSync(`${restored}-wal`)).toBe(false);
      const copy = createDb(restored);
      try {
        const rows = await copy.selectFrom("initiatives").select("id").where("id", "in", before).execute();
        expect(rows.map((x) => x.id).sort((a, b) => a - b)).toEqual([...before].sort((a, b) => a - b));
        const history = await copy.selectFrom("history").select("entity_id").where("action", "=", "initiative.created").where("entity_id", "in", before).execute();
        expect(history).toHaveLength(before.length);
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(copy);
        expect(check.rows[0]!.integrity_check).toBe("ok");
        expect((await verifyHistoryChain(copy)).ok).toBe(true);
      } finally {
        await copy.destroy();
      }
      // Refuses to overwrite an existing file.
      const again = await backup(target, cliFile);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain("already exists");
    } finally {
      if (writer.exitCode === null) writer.kill();
      for (const f of [file, cliFile, restored, `${restored}-wal`, `${restored}-shm`]) rmSync(f, { force: true });
    }
  }, 120_000);
});
