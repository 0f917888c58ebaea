// Runs the Kysely migrations. The list is static so that it works the same under tsx, vitest and a bundle.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import * as initial from "./migrations/2026-11-23T0900_initial";
import * as releases from "./migrations/2026-11-23T1300_releases";
import * as subscriptions from "./migrations/2026-11-23T1310_subscriptions";
import * as somCalculations from "./migrations/2026-11-23T1400_som_calculations";
import * as somKnowledge from "./migrations/2026-11-23T1410_som_knowledge";
import * as searchAndListIndexes from "./migrations/2026-12-02T1050_search_and_list_indexes";
import * as portfolioOwnerBudget from "./migrations/2026-12-02T1110_portfolio_owner_budget";
import * as initiativeFacetsIndex from "./migrations/2026-12-02T1508_initiative_facets_index";
import * as somVersionUncertainty from "./migrations/2026-12-02T1422_som_version_uncertainty";
import * as subscriberErasure from "./migrations/2026-12-02T1440_subscriber_erasure";
import * as releaseEditionUnique from "./migrations/2026-12-02T1421_release_edition_unique";
import * as historyChain from "./migrations/2026-12-02T1405_history_chain";
import * as loginSecurity from "./migrations/2026-12-02T1450_login_security";
import * as holdResumeConditionsDue from "./migrations/2026-12-02T1415_hold_resume_conditions_due";
import * as meetings from "./migrations/2026-12-02T1410_meetings";
import * as userRoles from "./migrations/2026-12-02T1510_user_roles";
import * as assessmentAssessors from "./migrations/2026-12-02T1530_assessment_assessors";
import * as involvementVersion from "./migrations/2026-12-02T1531_involvement_version";
import * as importJobs from "./migrations/2026-12-03T1500_import_jobs";
import * as releasesForMunicipalities from "./migrations/2026-12-03T1300_releases_for_municipalities";
import * as subscriberKindsInitiatives from "./migrations/2026-12-03T1400_subscriber_kinds_initiatives";
import * as passwordResets from "./migrations/2026-12-03T1700_password_resets";
import * as phaseOutcomes from "./migrations/2026-12-04T0900_phase_outcomes";

const migrations: Record<string, Migration> = {
  "2026-11-23T0900_initial": initial,
  "2026-11-23T1300_releases": releases,
  "2026-11-23T1310_subscriptions": subscriptions,
  "2026-11-23T1400_som_calculations": somCalculations,
  "2026-11-23T1410_som_knowledge": somKnowledge,
  "2026-12-02T1050_search_and_list_indexes": searchAndListIndexes,
  "2026-12-02T1110_portfolio_owner_budget": portfolioOwnerBudget,
  "2026-12-02T1508_initiative_facets_index": initiativeFacetsIndex,
  "2026-12-02T1422_som_version_uncertainty": somVersionUncertainty,
  "2026-12-02T1440_subscriber_erasure": subscriberErasure,
  "2026-12-02T1421_release_edition_unique": releaseEditionUnique,
  "2026-12-02T1405_history_chain": historyChain,
  "2026-12-02T1450_login_security": loginSecurity,
  "2026-12-02T1415_hold_resume_conditions_due": holdResumeConditionsDue,
  "2026-12-02T1410_meetings": meetings,
  "2026-12-02T1510_user_roles": userRoles,
  "2026-12-02T1530_assessment_assessors": assessmentAssessors,
  "2026-12-02T1531_involvement_version": involvementVersion,
  "2026-12-03T1500_import_jobs": importJobs,
  "2026-12-03T1300_releases_for_municipalities": releasesForMunicipalities,
  "2026-12-03T1400_subscriber_kinds_initiatives": subscriberKindsInitiatives,
  "2026-12-03T1700_password_resets": passwordResets,
  "2026-12-04T0900_phase_outcomes": phaseOutcomes,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Parallel work lands migrations named by when they were written, not when they landed: a database already
  // at a later name still runs an earlier-named one it lacks (DECISIONS 0062), in name order.
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
