// What the initiative page and its "vis alle" pages read: one page of an initiative's assessments,
// decisions or history, newest first, with the total, and only the columns those pages show. The page
// itself shows the latest few of each (a person reads those); the rest is a link away, so the page's
// work and its hydration data no longer grow with an initiative's history (issue 11).
import { sql } from "kysely";
import type { Executor } from "../client";
import { criteriaFor } from "../../workflows/assessment";
import type { Phase, PhasePeriod } from "../../workflows/phase-model";
import { countDecisions, decisionsQuery, withConditions, type DecisionView } from "./decisions";

export interface Slice {
  limit: number;
  offset: number;
}

export interface PageOf<T> {
  rows: T[];
  total: number;
}

const countOf = (n: unknown) => Number(n ?? 0);

function criteriaCount(from: PhasePeriod, to: Phase): number {
  const criteria = criteriaFor(from, to);
  return criteria.ok ? criteria.value.length : 0;
}

export interface AssessmentLine {
  id: number;
  from_phase: PhasePeriod;
  to_phase: Phase;
  status: string;
  judged: number;
  total: number;
  /** Submitted, else created. */
  at: string;
}

export async function pageAssessments(db: Executor, initiativeId: number, s: Slice): Promise<PageOf<AssessmentLine>> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom("assessments as a")
      .select([
        "a.id", "a.from_phase", "a.to_phase", "a.status", "a.created_at", "a.submitted_at",
        sql<number>`(select count(*) from assessment_judgements j where j.assessment_id = a.id)`.as("judged"),
      ])
      .where("a.initiative_id", "=", initiativeId)
      .orderBy("a.created_at", "desc")
      .orderBy("a.id", "desc")
      .limit(s.limit)
      .offset(s.offset)
      .execute(),
    db.selectFrom("assessments").select((eb) => eb.fn.countAll().as("n")).where("initiative_id", "=", initiativeId).executeTakeFirst(),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id, from_phase: r.from_phase, to_phase: r.to_phase, status: r.status,
      judged: Number(r.judged), total: criteriaCount(r.from_phase, r.to_phase), at: r.submitted_at ?? r.created_at,
    })),
    total: countOf(count?.n),
  };
}

/** One page of decisions, each with the conditions it set and those it resolved (as listDecisions gives them). */
export async function pageDecisions(db: Executor, initiativeId: number, s: Slice): Promise<PageOf<DecisionView>> {
  const [rows, total] = await Promise.all([
    decisionsQuery(db, initiativeId).limit(s.limit).offset(s.offset).execute(),
    countDecisions(db, initiativeId),
  ]);
  return { rows: await withConditions(db, initiativeId, rows, rows.map((r) => r.id)), total };
}

export interface HistoryLine {
  id: number;
  at: string;
  action: string;
  entity: string;
  actor_name: string | null;
  before: string | null;
  after: string | null;
}

export async function pageHistory(db: Executor, initiativeId: number, s: Slice): Promise<PageOf<HistoryLine>> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom("history")
      .leftJoin("users", "users.id", "history.actor_id")
      .select(["history.id", "history.at", "history.action", "history.entity", "history.before", "history.after", "users.name as actor_name"])
      .where("history.initiative_id", "=", initiativeId)
      .orderBy("history.id", "desc")
      .limit(s.limit)
      .offset(s.offset)
      .execute(),
    db.selectFrom("history").select((eb) => eb.fn.countAll().as("n")).where("initiative_id", "=", initiativeId).executeTakeFirst(),
  ]);
  return { rows, total: countOf(count?.n) };
}

/** The id and title of an initiative, for the heading of its "vis alle" pages. */
export function getInitiativeTitle(db: Executor, id: number) {
  return db.selectFrom("initiatives").select(["id", "title"]).where("id", "=", id).executeTakeFirst();
}
