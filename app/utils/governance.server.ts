// The steering group's configurable rules, read from the environment (README): the quorum rule
// (STEERING_QUORUM: "majority", the default, or a minimum number of members) and whether a decision must be
// taken at a meeting (STEERING_REQUIRE_MEETING=1; off by default, DECISIONS 0050).
import { DEFAULT_QUORUM, type QuorumRule } from "#workflows/meeting";

export function quorumRule(): QuorumRule {
  const v = (process.env.STEERING_QUORUM ?? "").trim();
  if (/^\d+$/.test(v) && Number(v) > 0) return { kind: "minimum", members: Number(v) };
  return DEFAULT_QUORUM;
}

export function requireMeeting(): boolean {
  return process.env.STEERING_REQUIRE_MEETING === "1";
}
