// The one place where SQLite and PostgreSQL differ. Queries call these small functions instead of
// branching on the dialect themselves; each is tested on both databases (test/db/dialect.test.ts).
// What needs no function here, because Kysely compiles it the same way for both: upserts
// (`onConflict(…).doNothing()/doUpdateSet()`; SQLite ≥ 3.24 and PostgreSQL share ON CONFLICT),
// `returning`, `coalesce`, `||`, `like … escape`. Date arithmetic stays out of SQL altogether: timestamps
// are ISO-8601 text written by `Date#toISOString()`, computed in TypeScript, and compared as strings.
import {
  ColumnDefinitionNode,
  DataTypeNode,
  type CompiledQuery,
  type Dialect,
  OperationNodeTransformer,
  PostgresAdapter,
  sql,
  type Expression,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RawBuilder,
  type RootOperationNode,
  type SelectQueryBuilder,
  type UnknownRow,
} from "kysely";

export type DialectName = "sqlite" | "postgres";

/** Anything that can run a query: the database, a transaction, or a migration's `Kysely<any>`. */
interface HasExecutor {
  getExecutor(): { adapter: unknown };
}

export function dialectOf(db: HasExecutor): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** The name the app and `npm run bench` print for the database they use. */
export function describeDialect(db: HasExecutor): string {
  return dialectOf(db) === "postgres" ? "PostgreSQL" : "SQLite";
}

// ---------------------------------------------------------------------------------------------------
// Sorting text the Danish way (… x y z æ ø å, case-insensitively first).

/**
 * An ORDER BY expression that sorts `value` in Danish alphabetical order. PostgreSQL uses ICU's Danish
 * collation; SQLite has no collations to register from better-sqlite3, so db/client.ts registers
 * `da_sort_key()`, which maps text to a key whose binary order is the Danish order.
 */
export function danishOrder(db: HasExecutor, value: Expression<string | null>): RawBuilder<string> {
  return dialectOf(db) === "postgres" ? sql<string>`${value} collate "da-x-icu"` : sql<string>`da_sort_key(${value})`;
}

// Primary letters above z in Danish order; sorting keys use private-use characters so no real text
// collides with them. "aa" is left as two a's (the ICU rule that files "Aarhus" under å only applies to
// names; titles here are sentences).
const AFTER_Z: Record<string, string> = { "æ": "\u{E001}", "ä": "\u{E001}", "ø": "\u{E002}", "ö": "\u{E002}", "å": "\u{E003}" };

/** The SQLite sort key behind `danishOrder`: case and accents are ignored first, then the text decides ties. */
export function danishSortKey(value: string | null): string | null {
  if (value === null) return null;
  const primary = [...value.toLocaleLowerCase("da-DK")]
    .map((ch) => AFTER_Z[ch] ?? ch.normalize("NFD").replace(/\p{M}+/gu, ""))
    .join("");
  return `${primary}\u0000${value}`;
}

// ---------------------------------------------------------------------------------------------------
// Locking.

/**
 * Rows for one worker to claim: on PostgreSQL `FOR UPDATE SKIP LOCKED`, so two workers' claims never
 * pick the same row and neither waits for the other. SQLite needs nothing: it runs one writer at a time.
 */
export function skipLocked<QB extends SelectQueryBuilder<any, any, any>>(db: HasExecutor, qb: QB): QB {
  return dialectOf(db) === "postgres" ? (qb.forUpdate().skipLocked() as QB) : qb;
}

/**
 * Locks the selected rows until the transaction ends (`FOR UPDATE` on PostgreSQL), for read-then-write
 * steps that an optimistic version check cannot guard. SQLite serialises writers, so nothing is added.
 */
export function lockForUpdate<QB extends SelectQueryBuilder<any, any, any>>(db: HasExecutor, qb: QB): QB {
  return dialectOf(db) === "postgres" ? (qb.forUpdate() as QB) : qb;
}

/**
 * Serialises the transactions that pass the same `key` until each ends, for a read-then-write no row lock can
 * guard because the row does not exist yet (choosing a free slug): PostgreSQL's transaction-level advisory
 * lock. SQLite needs nothing: the app's one connection runs one transaction at a time.
 */
export async function lockKey(db: Kysely<any>, key: string): Promise<void> {
  if (dialectOf(db) !== "postgres") return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(db);
}

/** A write that broke a unique constraint or primary key (both drivers' error shapes). */
export function isUniqueViolation(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const code = (error as { code?: unknown }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

// ---------------------------------------------------------------------------------------------------
// Text search.

/** `%term%` for LIKE with the wildcards in the term escaped (use with `escape '\'`). */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * True when the lower-cased `value` contains `term` (give it lower-cased with toLocaleLowerCase("da-DK")).
 * PostgreSQL's lower() knows æøå and SQLite's does not, so columns meant for searching are best stored
 * lower-cased (releases.search_text); on those both dialects agree exactly.
 */
export function containsText(value: Expression<string | null>, term: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${value}) like ${likeContains(term)} escape '\\'`;
}

// ---------------------------------------------------------------------------------------------------
// Text both databases can store.

/**
 * PostgreSQL's text cannot hold U+0000 (the write fails: "invalid byte sequence for encoding UTF8: 0x00");
 * SQLite's can. No Danish text contains it, only hostile input does, so both dialects drop it from every
 * string a query sends: the same text is stored on both, and a NUL typed into any field or query string is
 * simply not there (DECISIONS 0034). Applied by db/client.ts around either dialect's query compiler.
 */
export function withoutNulText(dialect: Dialect): Dialect {
  return {
    createDriver: () => dialect.createDriver(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => {
      const compiler = dialect.createQueryCompiler();
      return {
        compileQuery(node, queryId): CompiledQuery {
          const q = compiler.compileQuery(node, queryId);
          if (!q.parameters.some((p) => typeof p === "string" && p.includes("\u0000"))) return q;
          return { ...q, parameters: q.parameters.map((p) => (typeof p === "string" ? p.replaceAll("\u0000", "") : p)) };
        },
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Ids after bulk loads.

/**
 * After rows were inserted with explicit ids (imports, the bench generator), PostgreSQL's id sequences
 * must move past them or the next ordinary insert collides. SQLite's autoincrement follows by itself.
 */
export async function syncIdSequences(db: Kysely<any>, tables: readonly string[]): Promise<void> {
  if (dialectOf(db) !== "postgres") return;
  for (const t of tables) {
    await sql`select setval(pg_get_serial_sequence(${t}, 'id'), coalesce((select max(id) from ${sql.table(t)}), 0) + 1, false)`.execute(db);
  }
}

// ---------------------------------------------------------------------------------------------------
// Portable migrations.

class PortableColumns extends OperationNodeTransformer {
  protected override transformColumnDefinition(node: ColumnDefinitionNode, queryId?: Parameters<OperationNodeTransformer["transformColumnDefinition"]>[1]): ColumnDefinitionNode {
    const out = super.transformColumnDefinition(node, queryId);
    const type = DataTypeNode.is(out.dataType) ? out.dataType.dataType : undefined;
    if (out.autoIncrement) return { ...out, autoIncrement: undefined, dataType: { kind: "DataTypeNode", dataType: "bigserial" } as ColumnDefinitionNode["dataType"] };
    if (type === "integer") return { ...out, dataType: { kind: "DataTypeNode", dataType: "bigint" } as ColumnDefinitionNode["dataType"] };
    return out;
  }
}

/**
 * PostgreSQL only: makes the schema builder's column types mean what they mean on SQLite, so one migration
 * declares a table the same way for both. SQLite's `integer` is 64-bit, so `integer` compiles as `bigint`
 * (a 32-bit column would refuse, with an error, a value or a comparison SQLite takes, e.g. an id of
 * 9999999999 typed into an address); its auto-increment id (`integer … primary key autoincrement`) as
 * `bigserial primary key`. db/client.ts reads bigints back as numbers (DECISIONS 0033). Raw `sql` DDL is
 * not rewritten: write `bigint` there.
 */
export class PortableSchemaPlugin implements KyselyPlugin {
  readonly #transformer = new PortableColumns();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const kind = args.node.kind;
    if (kind !== "CreateTableNode" && kind !== "AlterTableNode") return args.node;
    return this.#transformer.transformNode(args.node, args.queryId);
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
