// Journeys through the SUSI phase engine in the real (Danish) UI: create → screening assessment →
// track choice → Go; refusals that name the broken rule; Conditional Go conditions at the next gate;
// Stop; stale forms; access; list filters. Each test makes its own initiatives (unique titles), arranged
// straight in the e2e database where the journey is not about the arranging.
import type { Locator, Page } from "@playwright/test";
import { arrangeHistory, arrangeMeeting, e2eDb, expect, loginAs, test } from "./fixtures";

// ---------------------------------------------------------------------------------------------------
// Helpers

let counter = 0;
/** A title no other test (or earlier run against the same database) uses. */
function uniqueTitle(what: string) {
  counter += 1;
  return `E2E ${what} ${Date.now().toString(36)}-${counter}`;
}

/** The <dd> for a <dt> with exactly this text (the pages' description lists). */
function described(scope: Page | Locator, term: string) {
  return scope.getByRole("term").filter({ hasText: new RegExp(`^${escapeRegExp(term)}$`) }).first().locator("xpath=following-sibling::dd[1]");
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

type JudgementValue = "met" | "partly_met" | "not_met" | "not_assessed";

const TO_MATURATION = ["toMaturation.well_founded", "toMaturation.realistic", "toMaturation.in_demand"] as const;
const TO_TRIAL = [
  "toTrial.fully_defined", "toTrial.implemented", "toTrial.promising_results", "toTrial.not_unrealistically_expensive",
] as const;

interface Arranged {
  id: number;
  title: string;
}

/**
 * An active SUSI 2.0 initiative (area Voksne, so the seeded Børn og unge count stays put) written straight
 * into the e2e database, as the create form would: the row, its agreement year, its first phase period
 * and the history row.
 */
function arrangeInitiative(opts: { title: string; phase?: string; track?: 1 | 2 | null; trackReason?: string; prototype?: string }): Arranged {
  const db = e2eDb();
  try {
    const now = new Date().toISOString();
    const phase = opts.phase ?? "screening";
    const track = opts.track === undefined ? 2 : opts.track;
    const info = db.prepare(
      `insert into initiatives (title, description, area, target_group, agreement_label, framework, track, track_reason,
         prototype_description, phase, status, created_at, updated_at)
       values (?, '', 'adults', '', 'UIP 2025', 'susi2', ?, ?, ?, ?, 'active', ?, ?)`,
    ).run(
      opts.title, track,
      opts.trackReason ?? (track ? "Indsatsen varierer med den lokale kontekst." : ""),
      opts.prototype ?? (track ? "En prototype afprøvet i to kommuner." : ""),
      phase, now, now,
    );
    const id = Number(info.lastInsertRowid);
    db.prepare("insert into initiative_agreements (initiative_id, year) values (?, 2025)").run(id);
    db.prepare("insert into phase_periods (initiative_id, phase) values (?, ?)").run(id, phase);
    arrangeHistory(db, { initiative_id: id, actor_id: null, at: now, action: "initiative.created", entity: "initiative", entity_id: id, after: { title: opts.title, phase, status: "active", track } });
    return { id, title: opts.title };
  } finally {
    db.close();
  }
}

/** A submitted SUSI assessment with one judgement per criterion, by the demo program manager. */
function arrangeSubmittedAssessment(initiativeId: number, from: string, to: string, judgements: Record<string, JudgementValue>) {
  const db = e2eDb();
  try {
    const pm = db.prepare("select id from users where email = 'programleder@susi.test'").get() as { id: number };
    const now = new Date().toISOString();
    const info = db.prepare(
      `insert into assessments (initiative_id, from_phase, to_phase, status, overall_assessment, recommendation,
         created_by, created_at, submitted_by, submitted_at)
       values (?, ?, ?, 'submitted', 'Samlet vurdering (arrangeret).', 'Indstilling (arrangeret).', ?, ?, ?, ?)`,
    ).run(initiativeId, from, to, pm.id, now, pm.id, now);
    const assessmentId = Number(info.lastInsertRowid);
    const insert = db.prepare(
      `insert into assessment_judgements (assessment_id, criterion_id, judgement, evidence, evidence_level, justification, assessed_by, assessed_at)
       values (?, ?, ?, 'Erfaringer fra praksis.', 'practice', '', ?, ?)`,
    );
    for (const [criterionId, judgement] of Object.entries(judgements)) insert.run(assessmentId, criterionId, judgement, pm.id, now);
    return assessmentId;
  } finally {
    db.close();
  }
}

function allMet(criteria: readonly string[]): Record<string, JudgementValue> {
  return Object.fromEntries(criteria.map((c) => [c, "met" as const]));
}

function initiativeRow(id: number) {
  const db = e2eDb();
  try {
    return db.prepare("select phase, status, track, track_reason, prototype_description, version from initiatives where id = ?").get(id) as {
      phase: string; status: string; track: number | null; track_reason: string; prototype_description: string; version: number;
    };
  } finally {
    db.close();
  }
}

function decisionCount(id: number) {
  const db = e2eDb();
  try {
    return (db.prepare("select count(*) as n from decisions where initiative_id = ?").get(id) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The steering group's decision form: outcome, optional target, rationale, optional first condition row. */
async function fillDecision(page: Page, opts: {
  outcome: "Go" | "Betinget go" | "Sæt i bero" | "Gentag fasen" | "Stop";
  target?: string;
  rationale: string;
  condition?: { text: string; owner: string; due: string };
  resolution?: { text: string; choice: "Luk betingelsen (den er opfyldt)" | "Videreføre betingelsen til denne beslutning" };
}) {
  const form = page.getByRole("region", { name: "Beslutning", exact: true });
  if (opts.resolution) {
    await form.getByRole("group", { name: `Betingelse: ${opts.resolution.text}` }).getByRole("radio", { name: opts.resolution.choice }).check();
  }
  await form.getByRole("group", { name: "Styregruppens beslutning" }).getByRole("radio", { name: opts.outcome, exact: true }).check();
  if (opts.target) await form.getByLabel("Gå videre til fase").selectOption({ label: opts.target });
  await form.getByLabel("Begrundelse", { exact: true }).fill(opts.rationale);
  if (opts.condition) {
    const row = form.getByRole("group", { name: "Betingelse 1", exact: true });
    await row.getByLabel("Hvad skal være opfyldt").fill(opts.condition.text);
    await row.getByLabel("Ansvarlig").fill(opts.condition.owner);
    await row.getByLabel("Frist").fill(opts.condition.due);
  }
}

/** Submits the decision. One the rules allow is asked to be confirmed first (issue 7) and is confirmed; `refused` expects the 409. */
async function submitDecision(page: Page, { refused = false } = {}) {
  await page.getByRole("button", { name: "Registrer beslutning" }).click();
  if (refused) return;
  await page.getByRole("button", { name: "Ja, registrer beslutningen" }).click();
}

/** The refusal alert on the decision page, once the 409 has come back. */
function decisionRefusal(page: Page) {
  return page.getByRole("alert").filter({ hasText: "Beslutningen kan ikke registreres" });
}

/** Initiatives already on a quorate meeting's agenda (a decision is taken at a meeting, DECISIONS 0088). */
const atMeeting = new Set<number>();

async function openDecisionPage(page: Page, initiative: Arranged) {
  if (!atMeeting.has(initiative.id)) {
    arrangeMeeting(initiative.id);
    atMeeting.add(initiative.id);
  }
  await page.goto(`/initiativer/${initiative.id}`);
  await expect(page.getByRole("heading", { level: 1, name: initiative.title })).toBeVisible();
  await page.getByRole("link", { name: "Træf beslutning" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Styregruppens beslutning" })).toBeVisible();
}

function decisionsSection(page: Page) {
  return page.getByRole("region", { name: "Styregruppens beslutninger" });
}

function openConditionsSection(page: Page) {
  return page.getByRole("region", { name: "Åbne betingelser" });
}

// ---------------------------------------------------------------------------------------------------
// Journeys 1 and 2: one initiative from creation through its screening assessment to Go into Modning.

test.describe.serial("from screening to Modning", () => {
  const title = uniqueTitle("Screening til modning");
  let id = 0;

  test("the program manager creates an initiative, assesses its screening and chooses track 2", async ({ page }) => {
    await loginAs(page, "program_manager");

    // Create: track not yet chosen, starting in Screening.
    await page.goto("/initiativer");
    await page.getByRole("link", { name: "Opret initiativ" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Opret initiativ" })).toBeVisible();
    await page.getByLabel("Titel", { exact: true }).fill(title);
    await page.getByLabel("Beskrivelse (valgfrit)", { exact: true }).fill("Et initiativ oprettet af e2e-testen.");
    await page.getByRole("group", { name: "Område" }).getByRole("radio", { name: "Voksne" }).check();
    await page.getByLabel("Målgruppe (valgfrit)").fill("Voksne med komplekse problemer");
    await page.getByLabel("UIP-aftaler (årstal)").fill("2025");
    await expect(page.getByLabel("Spor (valgfrit)", { exact: true })).toHaveValue("");
    await expect(page.getByLabel("Startfase")).toHaveValue("screening");
    await page.getByRole("button", { name: "Opret initiativ" }).click();

    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    id = Number(new URL(page.url()).pathname.split("/").pop());
    expect(id).toBeGreaterThan(0);
    await expect(described(page, "Nuværende fase")).toHaveText("Screening");
    await expect(described(page, "Spor")).toHaveText("Ikke valgt endnu");
    await expect(described(page, "Status")).toHaveText("Aktiv");
    await expect(page.getByText("Der er ikke registreret SUSI-vurderinger i SUSI Tracker endnu.")).toBeVisible();

    // Start the screening assessment towards Modning.
    await page.getByRole("link", { name: "Start SUSI-vurdering" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Start SUSI-vurdering" })).toBeVisible();
    const targets = page.getByRole("group", { name: "Hvilken fase skal initiativet vurderes til?" });
    await targets.getByRole("radio", { name: "Modning (næste fase)" }).check();
    await page.getByRole("button", { name: "Start vurdering" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `SUSI-vurdering: ${title}` })).toBeVisible();
    await expect(page.getByTestId("flash")).toContainText("SUSI-vurderingen er startet som kladde.");
    await expect(described(page, "Vurderes")).toHaveText("Fra Screening til Modning");
    await expect(described(page, "Status")).toHaveText("Kladde");
    await expect(page.getByTestId("assessment-progress")).toHaveText("0 af 1 bedømmere færdige; 0 af 3 kriterier samlet");

    // Judge the three criteria of the gate Screening → Modning in the one form, saved with one button.
    const criteria = ["Indsatsen er fagligt velbegrundet", "Indsatsen er realistisk i både afprøvning og drift", "Indsatsen er efterspurgt"];
    for (const section of ["Din vurdering", "Samlet vurdering (ansvarlig bedømmer)"]) {
      for (const criterion of criteria) {
        const card = page.getByRole("region", { name: section }).getByRole("group", { name: criterion, exact: true });
        await card.getByRole("group", { name: "Vurdering" }).getByRole("radio", { name: "Opfyldt", exact: true }).check();
        await card.getByLabel("Dokumentation", { exact: true }).fill(`Dokumentation for: ${criterion}.`);
        await card.getByLabel("Evidensniveau", { exact: true }).selectOption({ label: "Niveau 3: før-/eftermåling uden kontrolgruppe" });
      }
      if (section === "Din vurdering") {
        await page.getByRole("button", { name: "Gem din vurdering" }).click();
        await expect(page.getByTestId("flash")).toContainText("Din vurdering er gemt (3 kriterier vurderet).");
        await expect(page.getByTestId("assessment-progress")).toHaveText("1 af 1 bedømmere færdige; 0 af 3 kriterier samlet");
      }
    }

    // As lead, the consolidated judgements with the overall assessment and recommendation, then submit.
    await page.getByLabel("Samlet vurdering", { exact: true }).fill("Indsatsen er velbegrundet, realistisk og efterspurgt.");
    await page.getByLabel("Indstilling", { exact: true }).fill("Indsatsen videreføres til modning.");
    await page.getByRole("button", { name: "Gem samlet vurdering" }).click();
    await expect(page.getByTestId("flash")).toContainText("Den samlede vurdering er gemt.");
    await expect(page.getByTestId("assessment-progress")).toHaveText("1 af 1 bedømmere færdige; 3 af 3 kriterier samlet");
    await page.getByRole("button", { name: "Indsend SUSI-vurdering" }).click();
    await page.getByRole("button", { name: "Ja, indsend vurderingen" }).click();

    await expect(page.getByTestId("flash")).toContainText("SUSI-vurderingen er indsendt.");
    await expect(described(page, "Status")).toHaveText("Indsendt");
    await expect(described(page, "Indsendt")).toContainText("Pia Programleder");
    await expect(page.getByText("Vurderingen er indsendt og kan ikke længere ændres.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Indsend SUSI-vurdering" })).toHaveCount(0);

    // The initiative page lists it as submitted, all three judged.
    await page.getByRole("navigation", { name: "Brødkrummesti" }).getByRole("link", { name: title }).click();
    const assessments = page.getByRole("region", { name: "SUSI-vurderinger" });
    await expect(assessments.getByRole("listitem")).toHaveCount(1);
    await expect(assessments.getByRole("listitem")).toContainText("Indsendt · 3/3");
    await expect(assessments.getByRole("link", { name: "Screening → Modning" })).toBeVisible();

    // Choose track 2, with its reason and the prototype.
    await page.getByRole("link", { name: `Rediger: ${title}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Rediger initiativ" })).toBeVisible();
    await page.getByLabel("Spor (valgfrit)", { exact: true }).selectOption({ label: "Spor 2: Sociale indsatser, som varierer i udførelse" });
    await page.getByLabel("Begrundelse for sporvalg (valgfrit)").fill("Indsatsen tilpasses den enkelte kommunes organisering.");
    await page.getByLabel("Beskrivelse af prototypen (valgfrit)").fill("En prototype med fælles kerne og lokale tilpasninger.");
    await page.getByRole("button", { name: "Gem ændringer" }).click();

    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(described(page, "Spor")).toHaveText("Spor 2: Sociale indsatser, som varierer i udførelse");
    await expect(described(page, "Begrundelse for spor")).toHaveText("Indsatsen tilpasses den enkelte kommunes organisering.");
    await expect(described(page, "Prototype")).toHaveText("En prototype med fælles kerne og lokale tilpasninger.");
    await expect(described(page, "Nuværende fase")).toHaveText("Screening");
  });

  test("the steering group gives Go and the initiative moves on to Modning", async ({ page }) => {
    expect(id, "the previous journey created the initiative").toBeGreaterThan(0);
    await loginAs(page, "steering_group");
    await openDecisionPage(page, { id, title });

    const toMaturation = page.getByRole("region", { name: "Go til Modning (Screening → Modning)" });
    await expect(toMaturation.getByText("Kriterierne for Go til Modning er opfyldt.")).toBeVisible();
    await expect(toMaturation.getByRole("row", { name: /Indsatsen er efterspurgt/ })).toContainText("Opfyldt");

    await fillDecision(page, { outcome: "Go", target: "Modning", rationale: "Alle kriterier for modning er opfyldt." });
    await submitDecision(page);

    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(described(page, "Nuværende fase")).toHaveText("Modning");
    const decision = decisionsSection(page).getByRole("article");
    await expect(decision).toHaveCount(1);
    await expect(decision.getByRole("heading", { level: 3 })).toHaveText(/^Go, \d{2}\.\d{2}\.\d{4}$/);
    await expect(described(decision, "Fase")).toHaveText("Screening → Modning");
    await expect(described(decision, "Besluttet af")).toContainText("Søren Styregruppe");
    await expect(described(decision, "Begrundelse")).toHaveText("Alle kriterier for modning er opfyldt.");
    // The phase periods show the new period as the current step.
    await expect(page.getByRole("region", { name: "Faseforløb" }).getByRole("listitem").last()).toContainText("Modning");
    expect(initiativeRow(id).phase).toBe("maturation");
  });
});

// ---------------------------------------------------------------------------------------------------
// Journey 3: a Go over a criterion not met is refused, naming the criterion.

test("a Go with a criterion not met is refused naming the criterion, and the phase stays", async ({ page }) => {
  const initiative = arrangeInitiative({ title: uniqueTitle("Ikke efterspurgt") });
  arrangeSubmittedAssessment(initiative.id, "screening", "maturation", {
    "toMaturation.well_founded": "met", "toMaturation.realistic": "met", "toMaturation.in_demand": "not_met",
  });
  await loginAs(page, "steering_group");
  await openDecisionPage(page, initiative);

  // The page already says what blocks a Go to Modning.
  const toMaturation = page.getByRole("region", { name: "Go til Modning (Screening → Modning)" });
  await expect(toMaturation.getByText("Det mangler, før der kan gives Go til Modning:")).toBeVisible();
  await expect(toMaturation.getByRole("listitem")).toHaveText(["Kriteriet 'Indsatsen er efterspurgt' er ikke opfyldt (Ikke opfyldt)"]);

  await fillDecision(page, { outcome: "Go", target: "Modning", rationale: "Vi forsøger alligevel." });
  await submitDecision(page, { refused: true });

  const alert = decisionRefusal(page);
  await expect(alert).toBeVisible();
  await expect(alert).toBeFocused();
  await expect(alert.getByRole("listitem")).toHaveText(["Go afvist: kriteriet 'Indsatsen er efterspurgt' er ikke opfyldt (Ikke opfyldt)"]);
  await expect(page.getByRole("heading", { level: 1, name: "Styregruppens beslutning" })).toBeVisible();
  expect(decisionCount(initiative.id)).toBe(0);

  await page.getByRole("link", { name: "Tilbage til initiativet" }).click();
  await expect(described(page, "Nuværende fase")).toHaveText("Screening");
  await expect(decisionsSection(page).getByText("Ingen beslutninger endnu.")).toBeVisible();
  expect(initiativeRow(initiative.id).phase).toBe("screening");
});

// ---------------------------------------------------------------------------------------------------
// Journey 4: a Conditional Go's condition is open until the next gate closes or carries it over.

test("a Conditional Go's condition is open on the initiative and must be resolved at the next gate", async ({ page }) => {
  const initiative = arrangeInitiative({ title: uniqueTitle("Betinget go") });
  arrangeSubmittedAssessment(initiative.id, "screening", "maturation", allMet(TO_MATURATION));
  const conditionText = `Der foreligger en driftsaftale med kommunerne (${initiative.id})`;
  await loginAs(page, "steering_group");
  await openDecisionPage(page, initiative);

  await fillDecision(page, {
    outcome: "Betinget go", target: "Modning", rationale: "Kriterierne er opfyldt, men driften skal sikres.",
    condition: { text: conditionText, owner: "Pia Programleder", due: "2027-06-30" },
  });
  await submitDecision(page);

  // The initiative page lists the open condition and the decision that set it.
  await expect(page.getByRole("heading", { level: 1, name: initiative.title })).toBeVisible();
  await expect(described(page, "Nuværende fase")).toHaveText("Modning");
  const openRow = openConditionsSection(page).getByRole("row", { name: new RegExp(escapeRegExp(conditionText)) });
  await expect(openRow).toBeVisible();
  await expect(openRow.getByRole("cell")).toHaveText([conditionText, "Pia Programleder", "30.06.2027", "Åben", /^Betinget go \d{2}\.\d{2}\.\d{4}$/]);
  const conditional = decisionsSection(page).getByRole("article");
  await expect(conditional.getByRole("heading", { level: 3 })).toHaveText(/^Betinget go, /);
  await expect(conditional.getByRole("table", { name: "Betingelser stillet ved beslutningen" })).toContainText(conditionText);

  // The next gate: Modning → Afprøvning, with a submitted assessment.
  arrangeSubmittedAssessment(initiative.id, "maturation", "trial", allMet(TO_TRIAL));
  await page.getByRole("link", { name: "Træf beslutning" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Styregruppens beslutning" })).toBeVisible();
  await expect(page.getByText("Hver åben betingelse skal lukkes eller videreføres med denne beslutning.")).toBeVisible();
  const resolution = page.getByRole("group", { name: `Betingelse: ${conditionText}` });
  await expect(resolution).toBeVisible();
  await expect(resolution).toContainText("Ansvarlig: Pia Programleder. Frist: 30.06.2027.");
  await expect(page.getByRole("region", { name: "Go til Afprøvning (Modning → Afprøvning)" }).getByText("Kriterierne for Go til Afprøvning er opfyldt.")).toBeVisible();

  // Deciding without resolving it is refused, naming the condition.
  await fillDecision(page, { outcome: "Go", target: "Afprøvning", rationale: "Klar til afprøvning." });
  await submitDecision(page, { refused: true });
  await expect(decisionRefusal(page).getByRole("listitem")).toHaveText([`Betingelsen '${conditionText}' skal lukkes eller videreføres`]);
  expect(initiativeRow(initiative.id).phase).toBe("maturation");
  expect(decisionCount(initiative.id)).toBe(1);

  // Closing it lets the same decision through.
  await fillDecision(page, {
    outcome: "Go", target: "Afprøvning", rationale: "Klar til afprøvning; driftsaftalen foreligger.",
    resolution: { text: conditionText, choice: "Luk betingelsen (den er opfyldt)" },
  });
  await submitDecision(page);

  await expect(page.getByRole("heading", { level: 1, name: initiative.title })).toBeVisible();
  await expect(described(page, "Nuværende fase")).toHaveText("Afprøvning");
  await expect(openConditionsSection(page).getByText("Ingen betingelser.")).toBeVisible();
  const latest = decisionsSection(page).getByRole("article").filter({ hasText: "Modning → Afprøvning" });
  await expect(latest.getByRole("heading", { level: 3 })).toHaveText(/^Go, /);
  const resolved = latest.getByRole("table", { name: "Tidligere betingelser lukket eller videreført" });
  await expect(resolved.getByRole("row", { name: new RegExp(escapeRegExp(conditionText)) })).toContainText("Lukket");
});

// ---------------------------------------------------------------------------------------------------
// Journey 5: Stop ends the initiative.

test("Stop ends the initiative: status Stoppet and no further decisions", async ({ page }) => {
  const initiative = arrangeInitiative({ title: uniqueTitle("Stoppes") });
  await loginAs(page, "steering_group");
  await openDecisionPage(page, initiative);

  await fillDecision(page, { outcome: "Stop", rationale: "Indsatsen er ikke længere efterspurgt." });
  await submitDecision(page);

  await expect(page.getByRole("heading", { level: 1, name: initiative.title })).toBeVisible();
  await expect(described(page, "Status")).toHaveText("Stoppet");
  await expect(described(page, "Nuværende fase")).toHaveText("Screening");
  const stop = decisionsSection(page).getByRole("article");
  await expect(stop.getByRole("heading", { level: 3 })).toHaveText(/^Stop, /);
  await expect(described(stop, "Status efter beslutningen")).toHaveText("Stoppet");
  await expect(described(stop, "Fase")).toHaveText("Bliver i Screening");
  await expect(page.getByRole("link", { name: "Træf beslutning" })).toHaveCount(0);

  // Going to the decision page directly: it says no decision can be taken, and offers no form.
  await page.goto(`/initiativer/${initiative.id}/beslutning`);
  await expect(page.getByRole("heading", { name: "Der kan ikke træffes beslutning" })).toBeVisible();
  await expect(page.getByText("Der kan ikke træffes beslutning, fordi initiativet har status 'Stoppet'.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Registrer beslutning" })).toHaveCount(0);
  expect(initiativeRow(initiative.id).status).toBe("stopped");
});

// ---------------------------------------------------------------------------------------------------
// Journey 6: stale forms, access, list filters.

test("a stale edit form is answered with the changed-by-someone-else message", async ({ page, context }) => {
  const initiative = arrangeInitiative({ title: uniqueTitle("Redigeres to steder") });
  await loginAs(page, "program_manager");
  const other = await context.newPage();
  await page.goto(`/initiativer/${initiative.id}/rediger`);
  await other.goto(`/initiativer/${initiative.id}/rediger`);
  await expect(page.getByRole("heading", { level: 1, name: "Rediger initiativ" })).toBeVisible();
  await expect(other.getByRole("heading", { level: 1, name: "Rediger initiativ" })).toBeVisible();

  await page.getByLabel("Målgruppe (valgfrit)").fill("Fra første fane");
  await page.getByRole("button", { name: "Gem ændringer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: initiative.title })).toBeVisible();
  await expect(described(page, "Målgruppe")).toHaveText("Fra første fane");

  await other.getByLabel("Målgruppe (valgfrit)").fill("Fra anden fane");
  await other.getByRole("button", { name: "Gem ændringer" }).click();
  await expect(other.getByRole("alert")).toContainText("Siden er blevet ændret af en anden, mens du arbejdede. Genindlæs siden og prøv igen.");
  await expect(other.getByRole("heading", { level: 1, name: "Rediger initiativ" })).toBeVisible();

  // Nothing of the stale form was written.
  await page.reload();
  await expect(described(page, "Målgruppe")).toHaveText("Fra første fane");
});

test("a steering-group member may not create initiatives (403 page)", async ({ page }) => {
  await loginAs(page, "steering_group");
  await page.goto("/initiativer");
  await expect(page.getByRole("heading", { level: 1, name: "Initiativer" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Opret initiativ" })).toHaveCount(0);

  const response = await page.goto("/initiativer/ny");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Du har ikke adgang" })).toBeVisible();
  await expect(page.getByText("Din rolle giver ikke adgang til denne handling.")).toBeVisible();
  await expect(page.getByLabel("Titel", { exact: true })).toHaveCount(0);
});

test("the list's filters narrow the initiatives (Område = Børn og unge)", async ({ page }) => {
  await loginAs(page, "program_manager");
  await page.goto("/initiativer");
  const count = page.getByRole("status").filter({ hasText: /initiativ/ });
  await expect(count).toHaveText(/^\d+ initiativer$/);
  const all = Number((await count.textContent())!.match(/\d+/)![0]);

  const filters = page.getByRole("search", { name: "Filtrer" });
  await filters.getByLabel("Område").selectOption({ label: "Børn og unge" });
  await filters.getByRole("button", { name: "Filtrer" }).click();

  // The seed has 15 Børn og unge initiatives; other spec files may add more, so the database says how many.
  const expected = childrenCount();
  expect(expected).toBeGreaterThanOrEqual(15);
  await expect(count).toHaveText(`${expected} initiativer`);
  expect(all).toBeGreaterThan(expected);
  await expect(page).toHaveURL(/[?&]area=children(&|$)/);
  await expect(filters.getByLabel("Område")).toHaveValue("children");
  const rows = page.getByRole("table", { name: "Initiativer, sorteret efter titel" }).getByRole("row");
  await expect(rows).toHaveCount(1 + Math.min(expected, 25));
  const areas = await rows.locator("xpath=td[2]").allTextContents();
  expect(new Set(areas)).toEqual(new Set(["Børn og unge"]));

  // And combined with another filter, then reset.
  await filters.getByLabel("Fase").selectOption({ label: "Udbredelse" });
  await filters.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/area=children.*phase=dissemination|phase=dissemination.*area=children/);
  const disseminating = childrenCount("dissemination");
  await expect(count).toHaveText(disseminating === 1 ? "1 initiativ" : `${disseminating} initiativer`);
  await expect(rows).toHaveCount(1 + disseminating);
  await page.getByRole("link", { name: "Nulstil filtre" }).click();
  await expect(count).toHaveText(`${all} initiativer`);
});

function childrenCount(phase?: string): number {
  const db = e2eDb();
  try {
    const row = phase
      ? db.prepare("select count(*) as n from initiatives where area = 'children' and phase = ?").get(phase)
      : db.prepare("select count(*) as n from initiatives where area = 'children'").get();
    return (row as { n: number }).n;
  } finally {
    db.close();
  }
}
