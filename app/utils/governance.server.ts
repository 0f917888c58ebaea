// The steering group's configurable rule, read from the environment (README): the quorum rule
// (STEERING_QUORUM: "majority", the default, or a minimum number of members). That a decision is taken at a
// meeting is not configurable (DECISIONS 0088).
import { DEFAULT_QUORUM, type QuorumRule } from "#workflows/meeting";

export function quorumRule(): QuorumRule {
  const v = (process.env.STEERING_QUORUM ?? "").trim();
  if (/^\d+$/.test(v) && Number(v) > 0) return { kind: "minimum", members: Number(v) };
  return DEFAULT_QUORUM;
}

