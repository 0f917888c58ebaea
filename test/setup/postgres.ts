// PostgreSQL for the tests: TEST_DATABASE_URL points at a server (scripts/test.sh starts a throwaway one);
// a run builds one migrated, seeded template database and every test gets `CREATE DATABASE … TEMPLATE`,
// dropped again after the test, as each test gets its own SQLite file on the SQLite run.
import pg from "pg";

/** Database names of one run share a prefix, so the run's teardown can drop whatever a crash left. */
export function runPrefix(runId: string) {
  return `susi_t_${runId.replace(/[^a-z0-9]/gi, "").slice(0, 12).toLowerCase()}`;
}

export function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL?.trim();
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(
      "The PostgreSQL test run needs TEST_DATABASE_URL=postgres://user@host:port/postgres (a role that may create " +
        "databases). scripts/test.sh starts a throwaway server and sets it; `npm test` alone runs on SQLite.",
    );
  }
  return url;
}

/** The URL of database `name` on the same server as `url`. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** One maintenance connection (to the admin URL's database) for creating and dropping test databases. */
export class PgAdmin {
  #client: pg.Client | undefined;
  #connecting: Promise<pg.Client> | undefined;
  constructor(private readonly url: string) {}

  async #conn(): Promise<pg.Client> {
    if (this.#client) return this.#client;
    this.#connecting ??= (async () => {
      const c = new pg.Client({ connectionString: this.url, application_name: "susi-tests-admin" });
      c.on("error", () => {});
      await c.connect();
      this.#client = c;
      return c;
    })();
    return this.#connecting;
  }

  async create(name: string, template?: string) {
    const c = await this.#conn();
    // FILE_COPY: for a template of a few megabytes, copying files beats writing every block to the WAL.
    await c.query(`create database ${ident(name)}${template ? ` template ${ident(template)} strategy file_copy` : ""}`);
  }

  async drop(name: string) {
    const c = await this.#conn();
    await c.query(`drop database if exists ${ident(name)} with (force)`);
  }

  async list(prefix: string): Promise<string[]> {
    const c = await this.#conn();
    const r = await c.query<{ datname: string }>("select datname from pg_database where starts_with(datname, $1)", [prefix]);
    return r.rows.map((x) => x.datname);
  }

  async end() {
    const c = this.#client;
    this.#client = undefined;
    this.#connecting = undefined;
    await c?.end();
  }
}
