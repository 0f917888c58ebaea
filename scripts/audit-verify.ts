// npm run -s audit:verify: walks the history's hash chain (DECISIONS 0028) in the database the app opens
// (DATABASE_URL or DATABASE_PATH). Exit 0 when every row verifies; exit 1 naming the first row that does
// not (edited, or following a deleted row, or missing at the end); exit 2 when the check could not run.
import { createDb } from "../db/client";
import { verifyHistoryChain } from "../db/queries/history";

const REASONS = {
  hash_mismatch: "its content does not match its hash (the row was changed)",
  link_broken: "it does not follow the row before it (a row before it was deleted or inserted)",
  head_mismatch: "the chain does not end where its head says (rows at the end were deleted, or the head was changed)",
} as const;

const db = createDb();
try {
  const state = await verifyHistoryChain(db);
  if (state.ok) {
    console.log(`History chain intact: ${state.rows} rows verified; last hash ${state.lastHash}.`);
    process.exitCode = 0;
  } else {
    const row = state.brokenId === null ? "the chain's head" : `history row ${state.brokenId}`;
    console.error(`History chain BROKEN at ${row}: ${REASONS[state.reason]}. ${state.rows} rows before it verified.`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`Could not verify the history chain: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  await db.destroy();
}
