// Table types as SQLite returns them: dates are ISO strings, nullable columns are `T | null`.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { Judgement, EvidenceLevel, AssessmentStatus, AssessorRole } from "../workflows/assessment";
import type { InitiativeStatus, Framework, Outcome } from "../workflows/decision";
import type { PhasePeriod, Phase } from "../workflows/phase-model";
import type { NotCarriedOnReason, PhaseOutcomeKind, SourceAmbiguity, Verdict } from "../workflows/outcome";
import type { SomScenario } from "../app/som/vocabulary";
import type { Audience, EditionKind, Maturity, ReleaseStatus } from "../workflows/release";

/** "external": an outside assessor with no register rights, reaching only the assessments that name them (DECISIONS 0059). */
export type Role = "program_manager" | "steering_group" | "knowledge_staff" | "admin" | "external";
export type Area = "adults" | "children";
export type AssessmentMade = "yes" | "partly" | "no" | "not_applicable";

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  active: ColumnType<number, number | undefined, number>;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  /** When the session last served a request (null: not since it was created); the idle timeout counts from it. */
  last_seen_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A role a user holds besides their primary one (users.role). */
export interface UserRolesTable {
  user_id: number;
  role: Role;
}

/** One wrong password (or unknown email): login throttling counts these (workflows/login-throttle.ts). */
export interface LoginFailuresTable {
  id: Generated<number>;
  email: string;
  address: string | null;
  at: string;
}

/** A one-time link to set a new password, sent by an admin (workflows/password-reset.ts); only the token's sha256 is kept. */
export interface PasswordResetsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_by: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** When a newer link for the same user made this one void. */
  voided_at: string | null;
}

export interface InitiativesTable {
  id: Generated<number>;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  area: Area;
  target_group: ColumnType<string, string | undefined, string>;
  agreement_label: string;
  framework: Framework;
  track: 1 | 2 | null;
  track_reason: ColumnType<string, string | undefined, string>;
  prototype_description: ColumnType<string, string | undefined, string>;
  phase: PhasePeriod;
  status: InitiativeStatus;
  source_outcome: string | null;
  source_assessment: string | null;
  susi_assessment_made: AssessmentMade | null;
  import_key: string | null;
  /** The program manager who owns the initiative (portfolio migration); null when none is named. */
  owner_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: string;
  updated_at: string;
  version: ColumnType<number, number | undefined, number>;
}

export interface InitiativeAgreementsTable {
  initiative_id: number;
  year: number;
  /** The agreement's budget for this initiative in whole kroner; null when not known. */
  budget_kr: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface InitiativeLinksTable {
  predecessor_id: number;
  successor_id: number;
}

export interface PhasePeriodsTable {
  id: Generated<number>;
  initiative_id: number;
  phase: PhasePeriod;
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
}

export interface UserInvolvementsTable {
  id: Generated<number>;
  initiative_id: number;
  phase: PhasePeriod;
  who: string;
  how: string;
  what_changed: string;
  created_by: number | null;
  created_at: string;
  version: ColumnType<number, number | undefined, number>;
}

export interface AssessmentsTable {
  id: Generated<number>;
  initiative_id: number;
  from_phase: PhasePeriod;
  to_phase: Phase;
  status: AssessmentStatus;
  overall_assessment: ColumnType<string, string | undefined, string>;
  recommendation: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: string;
  submitted_by: number | null;
  submitted_at: string | null;
  version: ColumnType<number, number | undefined, number>;
}

export interface AssessmentJudgementsTable {
  assessment_id: number;
  criterion_id: string;
  judgement: Judgement;
  evidence: string;
  evidence_level: EvidenceLevel | null;
  justification: string;
  assessed_by: number | null;
  assessed_at: string;
}

/** Who assesses an assessment, and as what; `version` guards that assessor's own judgements form. */
export interface AssessmentAssessorsTable {
  assessment_id: number;
  user_id: number;
  role: AssessorRole;
  version: ColumnType<number, number | undefined, number>;
  added_by: number | null;
  added_at: string;
}

/** One assessor's own judgement of one criterion (the consolidated one is in assessment_judgements). */
export interface AssessorJudgementsTable {
  assessment_id: number;
  user_id: number;
  criterion_id: string;
  judgement: Judgement;
  evidence: string;
  evidence_level: EvidenceLevel | null;
  justification: string;
  assessed_at: string;
}

export interface DecisionsTable {
  id: Generated<number>;
  initiative_id: number;
  assessment_id: number | null;
  outcome: Outcome;
  from_phase: PhasePeriod;
  to_phase: Phase | null;
  resulting_phase: PhasePeriod;
  resulting_status: InitiativeStatus;
  rationale: string;
  /** JSON: [{ criterionId, justification }] for track-2 criteria passed as partly met. */
  flexibly_passed: ColumnType<string, string | undefined, string>;
  decided_by: number | null;
  decided_at: string;
  /** The steering-group meeting the decision was taken at (meetings migration); null for decisions before meetings. */
  meeting_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** JSON: the dossier the decision was taken on, frozen in its transaction (db/queries/dossier.ts). */
  dossier_json: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The outcome of an ended phase (DECISIONS 0094): from a decision, or from the source table (from_source = 1). */
export interface PhaseOutcomesTable {
  id: Generated<number>;
  initiative_id: number;
  phase: PhasePeriod;
  kind: PhaseOutcomeKind;
  verdict: Verdict | null;
  reason: NotCarriedOnReason | null;
  note: ColumnType<string, string | undefined, string>;
  /** JSON: [{ name: string | null, passed: boolean }]. */
  methods: ColumnType<string, string | undefined, string>;
  successor_id: number | null;
  /** The successor as the source names it (the link, when found, is successor_id). */
  successor_title: string | null;
  continues_in_year: number | null;
  recommended: ColumnType<number, number | undefined, number>;
  from_source: ColumnType<number, number | undefined, number>;
  ambiguity: SourceAmbiguity | null;
  decision_id: number | null;
  created_at: string;
}

export type MeetingStatus = "planned" | "held";

/** A steering-group meeting: its date, its chair, and (once held) the members present. */
export interface MeetingsTable {
  id: Generated<number>;
  /** YYYY-MM-DD: the day decisions taken at the meeting carry. */
  date: string;
  title: ColumnType<string, string | undefined, string>;
  location: ColumnType<string, string | undefined, string>;
  status: MeetingStatus;
  chair_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: ColumnType<number, number | undefined, number>;
}

export interface MeetingMembersPresentTable {
  meeting_id: number;
  user_id: number;
}

export interface MeetingAgendaItemsTable {
  id: Generated<number>;
  meeting_id: number;
  initiative_id: number;
  position: number;
  added_by: number | null;
  added_at: string;
}

/** The members present when a decision was recorded, as they stood (names kept should a user be renamed). */
export interface DecisionMembersPresentTable {
  decision_id: number;
  user_id: number;
  name: string;
  is_chair: ColumnType<number, number | undefined, number>;
}

export interface DecisionDissentsTable {
  id: Generated<number>;
  decision_id: number;
  user_id: number;
  reason: string;
  created_at: string;
}

export interface ConditionsTable {
  id: Generated<number>;
  initiative_id: number;
  decision_id: number;
  text: string;
  owner: string;
  due_date: string;
  status: "open" | "closed" | "carried_over";
  carried_from_id: number | null;
  resolved_by_decision_id: number | null;
  resolved_at: string | null;
  /** The user who answers for the condition (the text `owner` is the name as the decision wrote it). */
  owner_id: number | null;
  /** Whether it has been met, waived, or is still to do (workflows/condition.ts). */
  state: Generated<"open" | "met" | "waived">;
  state_note: Generated<string>;
  state_changed_at: string | null;
  state_changed_by: number | null;
  version: Generated<number>;
}

export interface HistoryTable {
  id: Generated<number>;
  initiative_id: number | null;
  actor_id: number | null;
  at: string;
  action: string;
  entity: string;
  entity_id: number | null;
  /** JSON snapshots of what changed. */
  before: string | null;
  after: string | null;
  /** The chain (DECISIONS 0028): the previous row's hash (64 zeros for the first) and this row's SHA-256. */
  prev_hash: string;
  hash: string;
}

/** The history chain's head: one row (id 1), updated by every append, which serialises appends. */
export interface HistoryChainTable {
  id: number;
  length: number;
  last_id: number | null;
  last_hash: string;
}

/** One edition of a fast-track knowledge release; editions of one release share `coalesce(root_id, id)`. */
export interface ReleasesTable {
  id: Generated<number>;
  root_id: number | null;
  previous_id: number | null;
  edition: ColumnType<number, number | undefined, number>;
  edition_kind: EditionKind | null;
  initiative_id: number;
  phase: PhasePeriod;
  decision_id: number | null;
  /** Given at first publication; the public URL is /viden/<slug>. */
  slug: string | null;
  title: string;
  summary: string;
  body_md: string;
  area: Area;
  maturity: Maturity | null;
  search_text: string;
  status: ReleaseStatus;
  /** Null while a draft the steering group asked for has not been taken on by knowledge staff. */
  author_id: number | null;
  requested_by_id: number | null;
  /** JSON array of user ids. */
  contributor_ids: ColumnType<string, string | undefined, string>;
  return_comment: ColumnType<string, string | undefined, string>;
  submitted_at: string | null;
  reviewer_id: number | null;
  reviewed_at: string | null;
  force_published: ColumnType<number, number | undefined, number>;
  force_reason: ColumnType<string, string | undefined, string>;
  force_published_by_id: number | null;
  published_at: string | null;
  withdrawn_reason: ColumnType<string, string | undefined, string>;
  withdrawn_at: string | null;
  withdrawn_by_id: number | null;
  superseded_by_id: number | null;
  superseded_at: string | null;
  /** "Hvad er ændret": the public change note of a major edition. */
  change_note: ColumnType<string, string | undefined, string>;
  /** When an approved edition in review is to be published (migration 2026-12-03T1300). */
  scheduled_at: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
}

/** Every area a release concerns; releases.area holds the first of them. */
export interface ReleaseAreasTable {
  release_id: number;
  area: Area;
}

export interface ReleaseAudiencesTable {
  release_id: number;
  audience: Audience;
}

export interface ReleaseTopicsTable {
  release_id: number;
  /** What matching compares (db/queries/outbox topicKey). */
  topic_key: string;
  /** The topic as first typed anywhere ("MOVE" stays "MOVE"). */
  topic: string;
}

export type SubscriptionFrequency = "immediate" | "weekly";
export type SubscriberStatus = "pending" | "confirmed" | "unsubscribed";
export type OutboxKind = "confirm" | "notice" | "digest" | "reminder" | "withdrawal" | "password_reset";
/** The retry policy's statuses (workflows/outbox) plus a lease while a worker sends, and cancelled on unsubscribe. */
export type OutboxRowStatus = "pending" | "sending" | "sent" | "dead" | "cancelled";

/** Who subscribes (issue 13): only a municipality names its municipality. */
export type SubscriberKind = "municipality" | "civil_society" | "social_service" | "other";

export interface SubscribersTable {
  id: Generated<number>;
  email: string;
  kind: ColumnType<SubscriberKind, SubscriberKind | undefined, SubscriberKind>;
  /** Set for a municipality, null for every other kind. */
  municipality_code: string | null;
  follows_adults: ColumnType<number, number | undefined, number>;
  follows_children: ColumnType<number, number | undefined, number>;
  frequency: SubscriptionFrequency;
  status: SubscriberStatus;
  confirm_token_hash: string;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  ended_reason: "unsubscribed" | "replaced" | null;
  /** When the address was erased (30 days after the end, or after an unconfirmed request); email is then "". */
  erased_at: ColumnType<string | null, string | null | undefined, string | null>;
  version: ColumnType<number, number | undefined, number>;
}

/** The single initiatives a subscriber follows (its published releases and public phase changes). */
export interface SubscriberInitiativesTable {
  subscriber_id: number;
  initiative_id: number;
}

export interface SubscriberTopicsTable {
  subscriber_id: number;
  topic_key: string;
  label: string;
}

export interface OutboxTable {
  id: Generated<number>;
  kind: OutboxKind;
  recipient: string;
  subscriber_id: number | null;
  release_id: number | null;
  /** JSON: what the message is about, rendered just before the first send. */
  payload: ColumnType<string, string | undefined, string>;
  subject: string | null;
  text: string | null;
  html: string | null;
  /** JSON object of extra mail headers (List-Unsubscribe …). */
  headers: string | null;
  message_id: string;
  dedupe_key: string | null;
  unsubscribe_token_hash: string | null;
  status: OutboxRowStatus;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string | null;
  last_error: string | null;
  locked_until: string | null;
  lease_token: string | null;
  sent_at: string | null;
  created_at: string;
  version: ColumnType<number, number | undefined, number>;
}

export interface ReleaseNoticesTable {
  release_id: number;
  subscriber_id: number;
  edition: number;
  release_title: string;
  release_summary: string;
  release_url: string;
  frequency: SubscriptionFrequency;
  outbox_id: number | null;
  digest_due_at: string | null;
  queued_at: string;
}

/** A SØM calculation (one scenario of one phase); `latest_version_id` is its newest saved version. */
export interface SomCalculationsTable {
  id: Generated<number>;
  initiative_id: number;
  phase: PhasePeriod;
  scenario: SomScenario;
  title: string;
  /** Null only inside the transaction that creates the calculation. */
  latest_version_id: number | null;
  version: ColumnType<number, number | undefined, number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** One saved version of a calculation: immutable (a trigger refuses updates). */
/** The Monte Carlo result stored with a calculation version (immutable, like the version). */
export interface SomVersionUncertaintyTable {
  version_id: number;
  seed: number;
  draws: number;
  /** JSON: the spreads the simulation drew within. */
  spreads_json: string;
  /** JSON: the simulation's result (app/som/montecarlo.ts SimulationResult). */
  result_json: string;
  computed_at: string;
}

export interface SomCalculationVersionsTable {
  id: Generated<number>;
  calculation_id: number;
  number: number;
  /** JSON: the engine's SomInput. */
  input_json: string;
  /** JSON: the assumption checklist. */
  checklist_json: string;
  /** JSON: Monte Carlo spreads, or null when none were given. */
  spreads_json: string | null;
  created_by: number | null;
  created_at: string;
}

/** The calculation versions a steering-group decision was taken on. */
export interface DecisionSomVersionsTable {
  decision_id: number;
  calculation_version_id: number;
}

/** SØM knowledge database: areas and age bands as SØM groups its target groups. */
export type SomKnowledgeArea = "vulnerable_adults" | "adults_disability" | "children_youth";
export type SomAgeBand = "0-5" | "6-13" | "14-17" | "18+";

export interface SomTargetGroupsTable {
  id: Generated<number>;
  name: string;
  area: SomKnowledgeArea;
  age_band: SomAgeBand;
  success_measure: string;
  description: ColumnType<string, string | undefined, string>;
  /** 1 for the labelled example entries seeded for demonstration (not SØM's figures). */
  is_example: ColumnType<number, number | undefined, number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: ColumnType<number, number | undefined, number>;
}

export interface SomConsequenceEstimatesTable {
  id: Generated<number>;
  target_group_id: number;
  label: string;
  consequence_area: string;
  kind: "expenditure" | "revenue";
  /** JSON array of decimal strings (1..10 years); index 0 is the year of success. */
  deltas_json: string;
  unit: string;
  price_kommune: string;
  price_region: string;
  price_stat: string;
  price_year: number;
  source: ColumnType<string, string | undefined, string>;
  is_example: ColumnType<number, number | undefined, number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: ColumnType<number, number | undefined, number>;
}

export interface SomEffectStudiesTable {
  id: Generated<number>;
  target_group_id: number;
  intervention: string;
  /** Decimal strings between 0 and 1. */
  rate_with: string;
  rate_without: string;
  evidence_level: 1 | 2 | 3;
  citation: string;
  is_example: ColumnType<number, number | undefined, number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: ColumnType<number, number | undefined, number>;
}

export interface SomNpiTable {
  year: number;
  /** Decimal string. */
  value: string;
  is_example: ColumnType<number, number | undefined, number>;
  updated_by: number | null;
  updated_at: string;
}

/** Experience database: a snapshot of a calculation version, published under the publisher's responsibility. */
export interface SomPublishedCalculationsTable {
  id: Generated<number>;
  calculation_id: number;
  calculation_version_id: number;
  initiative_id: number | null;
  phase: string;
  scenario: string;
  title: string;
  description: string;
  input_json: string;
  checklist_json: string;
  spreads_json: string | null;
  published_by: number;
  published_at: string;
  unpublished_by: number | null;
  unpublished_at: string | null;
  version: ColumnType<number, number | undefined, number>;
}

/** A CSV import run as a job (migration 2026-12-03T1500): result is JSON, the report or the problems. */
export interface ImportJobsTable {
  id: Generated<number>;
  user_id: number;
  state: "running" | "done" | "failed";
  file_name: ColumnType<string, string | undefined, string>;
  created_at: string;
  finished_at: ColumnType<string | null, string | null | undefined, string | null>;
  result: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DB {
  import_jobs: ImportJobsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  user_roles: UserRolesTable;
  password_resets: PasswordResetsTable;
  initiatives: InitiativesTable;
  initiative_agreements: InitiativeAgreementsTable;
  initiative_links: InitiativeLinksTable;
  phase_periods: PhasePeriodsTable;
  user_involvements: UserInvolvementsTable;
  assessments: AssessmentsTable;
  assessment_judgements: AssessmentJudgementsTable;
  assessment_assessors: AssessmentAssessorsTable;
  assessor_judgements: AssessorJudgementsTable;
  decisions: DecisionsTable;
  phase_outcomes: PhaseOutcomesTable;
  meetings: MeetingsTable;
  meeting_members_present: MeetingMembersPresentTable;
  meeting_agenda_items: MeetingAgendaItemsTable;
  decision_members_present: DecisionMembersPresentTable;
  decision_dissents: DecisionDissentsTable;
  conditions: ConditionsTable;
  history: HistoryTable;
  history_chain: HistoryChainTable;
  som_calculations: SomCalculationsTable;
  som_calculation_versions: SomCalculationVersionsTable;
  som_version_uncertainty: SomVersionUncertaintyTable;
  decision_som_versions: DecisionSomVersionsTable;
  som_target_groups: SomTargetGroupsTable;
  som_consequence_estimates: SomConsequenceEstimatesTable;
  som_effect_studies: SomEffectStudiesTable;
  som_npi: SomNpiTable;
  som_published_calculations: SomPublishedCalculationsTable;
  subscribers: SubscribersTable;
  subscriber_topics: SubscriberTopicsTable;
  subscriber_initiatives: SubscriberInitiativesTable;
  outbox: OutboxTable;
  release_notices: ReleaseNoticesTable;
  releases: ReleasesTable;
  release_audiences: ReleaseAudiencesTable;
  release_areas: ReleaseAreasTable;
  release_topics: ReleaseTopicsTable;
}

export type User = Selectable<UsersTable>;
export type Initiative = Selectable<InitiativesTable>;
export type NewInitiative = Insertable<InitiativesTable>;
export type InitiativeUpdate = Updateable<InitiativesTable>;
export type Assessment = Selectable<AssessmentsTable>;
export type Decision = Selectable<DecisionsTable>;
export type Condition = Selectable<ConditionsTable>;
export type Meeting = Selectable<MeetingsTable>;
export type Release = Selectable<ReleasesTable>;
