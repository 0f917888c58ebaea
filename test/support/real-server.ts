// The real production server for tests that must see what a browser or an attacker sees: `node server.js` on
// a built app (the README's way), its own port and its own copy of the seeded template database.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { inject } from "vitest";

/** Builds the app once (a minute on a slow machine); call from beforeAll with a generous timeout. */
export function buildApp() {
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], {
    env: { ...process.env, NODE_ENV: "production" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  origin: string;
  port: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/** The output and exit code of a server that is expected not to start. */
export function startFailing(env: Record<string, string | undefined>): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, ["server.js"], { env: serverEnv(env, 0, ""), encoding: "utf8", timeout: 60_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

function serverEnv(extra: Record<string, string | undefined>, port: number, database: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: database, DATABASE_URL: "", OUTBOX_WORKER: "off" };
  delete env.PUBLIC_BASE_URL;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Starts `node server.js` on a free port with a fresh copy of the template database; resolves once it listens. */
export async function startServer(env: Record<string, string | undefined> = {}): Promise<RunningServer> {
  const port = await freePort();
  const database = join(inject("testDbDir"), `server-${randomUUID()}.db`);
  copyFileSync(inject("templateDb"), database);
  const origin = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["server.js"], {
    env: serverEnv({ PUBLIC_BASE_URL: origin, ...env }, port, database),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (output.includes("listening on")) {
        clearInterval(check);
        resolve();
      }
    }, 50);
    child.on("exit", (code) => {
      clearInterval(check);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    origin,
    port,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Sends bytes as they are (a malformed Host, an undecodable path) and returns the whole raw answer. */
export async function rawRequest(port: number, bytes: string): Promise<{ status: number; head: string; body: string }> {
  const { connect } = await import("node:net");
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    let data = "";
    socket.on("data", (d) => (data += d));
    socket.on("error", reject);
    socket.on("close", () => {
      const [head, ...rest] = data.split("\r\n\r\n");
      resolve({ status: Number(head.split(" ")[1]), head, body: rest.join("\r\n\r\n") });
    });
  });
}
