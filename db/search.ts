// Initiative text search, the one dialect-specific piece of the list query (kept together so the SQLite
// and PostgreSQL versions stay in step; the indexes come from migration 2026-12-02T1050).
// Semantics on both: the trimmed query is a case-insensitive substring of the title or the target group,
// with Danish letters folded by case only (Æ = æ, but å ≠ a), as the old LIKE meant but did not do.
import { PostgresAdapter, sql, type Expression, type SqlBool } from "kysely";

interface HasExecutor {
  getExecutor(): { adapter: unknown };
}

const isPostgres = (db: HasExecutor) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The FTS5 trigram tokenizer indexes three characters at a time; shorter queries cannot use it. */
const TRIGRAM = 3;

const likeEscape = (s: string) => s.replace(/[%_\\]/g, (m) => `\\${m}`);

/**
 * A WHERE condition on `initiatives` for the search text `q` (already trimmed, not empty).
 * SQLite: an FTS5 trigram phrase match (indexed, Unicode case folding). Queries of one or two
 * characters fall back to LIKE over the table, which folds ASCII only, so the lower- and upper-case
 * spellings are tried too. PostgreSQL: ILIKE, served by the pg_trgm indexes where they exist.
 */
export function initiativeTextMatch(db: HasExecutor, q: string): Expression<SqlBool> {
  if (isPostgres(db)) {
    const term = `%${likeEscape(q)}%`;
    return sql<SqlBool>`(initiatives.title ilike ${term} escape '\\' or initiatives.target_group ilike ${term} escape '\\')`;
  }
  if ([...q].length < TRIGRAM) {
    const variants = [...new Set([q, q.toLocaleLowerCase("da-DK"), q.toLocaleUpperCase("da-DK")])].map((v) => `%${likeEscape(v)}%`);
    const ors = variants.flatMap((v) => [
      sql<SqlBool>`initiatives.title like ${v} escape '\\'`,
      sql<SqlBool>`initiatives.target_group like ${v} escape '\\'`,
    ]);
    return sql<SqlBool>`(${sql.join(ors, sql` or `)})`;
  }
  // One FTS5 string (a phrase): with trigrams it matches the text as a substring. Quotes are doubled.
  const phrase = `"${q.replace(/"/g, '""')}"`;
  return sql<SqlBool>`initiatives.id in (select rowid from initiatives_fts where initiatives_fts match ${phrase})`;
}
