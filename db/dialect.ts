// The one place where SQLite and PostgreSQL differ. Queries call these small functions instead of
// branching on the dialect themselves; each is tested on both databases (test/db/dialect.test.ts).
// What needs no function here, because Kysely compiles it the same way for both: upserts
// (`onConflict(…).doNothing()/doUpdateSet()`; SQLite ≥ 3.24 and PostgreSQL share ON CONFLICT),
// `returning`, `coalesce`, `||`, `like … escape`. Date arithmetic stays out of SQL altogether: timestamps
// are ISO-8601 text written by `Date#toISOString()`, computed in TypeScript, and compared as strings.
import {
  ColumnDefinitionNode,
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

class SerialIds extends OperationNodeTransformer {
  protected override transformColumnDefinition(node: ColumnDefinitionNode, queryId?: Parameters<OperationNodeTransformer["transformColumnDefinition"]>[1]): ColumnDefinitionNode {
    const out = super.transformColumnDefinition(node, queryId);
    if (!out.autoIncrement) return out;
    return { ...out, autoIncrement: undefined, dataType: { kind: "DataTypeNode", dataType: "serial" } as ColumnDefinitionNode["dataType"] };
  }
}

/**
 * PostgreSQL only: compiles the schema builder's `integer … primary key autoincrement` (SQLite's
 * auto-increment id) as `serial primary key`, so one migration declares ids the same way for both.
 */
export class PortableAutoIncrementPlugin implements KyselyPlugin {
  readonly #transformer = new SerialIds();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const kind = args.node.kind;
    if (kind !== "CreateTableNode" && kind !== "AlterTableNode") return args.node;
    return this.#transformer.transformNode(args.node, args.queryId);
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
