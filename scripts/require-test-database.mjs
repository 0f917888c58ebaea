/* global console, process */
// First step of `npm run validate`: the PostgreSQL suites need a server. Without TEST_DATABASE_URL validate stops
// here, before anything runs, rather than passing with half the suites unrun (DECISIONS 0035).
const url = process.env.TEST_DATABASE_URL?.trim();
if (!url || !/^postgres(ql)?:\/\//i.test(url)) {
  console.error(
    [
      "npm run validate runs every suite on SQLite and on PostgreSQL, and TEST_DATABASE_URL is not set.",
      "  - scripts/test.sh (the README's test command) starts a throwaway PostgreSQL 15 and sets it, or",
      "  - point it at a server where the role may create databases:",
      "      TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run validate",
      "SQLite alone: npm test && npm run test:e2e",
    ].join("\n"),
  );
  process.exit(1);
}
