// Words of the CSV import's problems, its report and its job (csvImport.*). db/import returns problems as
// codes with a line, a column and parameters; importProblemText turns one into a sentence here, for the
// page and the CLI (scripts/import.ts) alike.
import type { UipProblem } from "#db/import/parse";
import type { ImportReport, UnlinkedOutcome } from "#db/import/write";
import type { Translate } from "./index";

export const csvImport = {
  da: {
    "csvImport.where": "Linje {line}",
    "csvImport.whereColumn": "Linje {line}, kolonne \"{column}\"",
    "csvImport.problem.empty_file": "filen er tom",
    "csvImport.problem.no_rows": "filen indeholder ingen initiativer",
    "csvImport.problem.csv_malformed": "filen kan ikke læses som CSV (fx et citationstegn, der ikke er lukket)",
    "csvImport.problem.header_missing_column": "kolonnen \"{name}\" mangler i overskriftslinjen",
    "csvImport.problem.header_unknown_column": "ukendt kolonne \"{name}\" i overskriftslinjen",
    "csvImport.problem.header_duplicate_column": "kolonnen \"{name}\" står flere gange i overskriftslinjen",
    "csvImport.problem.field_count": "forventede {expected} felter, men fandt {found}",
    "csvImport.problem.required": "skal udfyldes",
    "csvImport.problem.invalid_value": "ugyldig værdi",
    "csvImport.problem.too_long": "må højst være {max} tegn",
    "csvImport.problem.unknown_area": "ukendt område \"{value}\" (brug adults, children, voksne eller børn og unge)",
    "csvImport.problem.unknown_phase": "ukendt fase \"{value}\" (brug Screening, Modning, Afprøvning, Udbredelse eller Screening/modning)",
    "csvImport.problem.invalid_year": "ugyldigt år \"{value}\" (forventet firecifrede år mellem 2000 og 2100 adskilt med semikolon, fx 2017;2018)",
    "csvImport.problem.duplicate_row": "samme titel og aftaleår som linje {firstLine}",
    "csvImport.problem.invalid_owner": "\"{value}\" er ikke en e-mailadresse (ejeren angives med sin e-mail, fx programleder@sbst.dk)",
    "csvImport.problem.unknown_owner": "ingen aktiv programleder har e-mailen \"{email}\"",
    "csvImport.problem.invalid_budget": "ugyldigt budget \"{value}\" (forventet år og hele kroner adskilt med semikolon, fx 2022: 1.500.000; 2023: 2.000.000)",
    "csvImport.problem.budget_repeated_year": "året {year} har mere end ét budget",
    "csvImport.problem.budget_year": "budget for {year}, som ikke er et af initiativets aftaleår ({years})",
    "csvImport.unlinked.no_initiative_with_year": "intet initiativ under UIP {year} at knytte \"{title}\" til",
    "csvImport.unlinked.no_similar_title": "intet initiativ under UIP {year} har en titel, der ligner \"{title}\" nok",
    "csvImport.report.created": "Initiativer oprettet: {created} ({adults} voksne, {children} børn og unge)",
    "csvImport.report.alreadyPresent": "Allerede til stede (sprunget over): {count}",
    "csvImport.report.links": "Forbindelser til efterfølgende initiativ: {count}",
    "csvImport.report.link": "  {predecessor} → {successor} (lighed {score})",
    "csvImport.report.unlinked": "Udfald der nævner et efterfølgende initiativ, som ikke kunne findes: {count}",
    "csvImport.job.title": "Importen er i gang",
    "csvImport.job.file": "Fil: {name}",
    "csvImport.job.waiting": "Importen starter …",
    "csvImport.job.checking": "Kontrollerer rækkerne: {done} af {total}",
    "csvImport.job.writing": "Gemmer initiativerne: {done} af {total}",
    "csvImport.job.progressLabel": "Importens fremskridt",
    "csvImport.job.hint": "Siden opdaterer sig selv, mens importen kører. Du kan også bruge andre sider imens og vende tilbage.",
    "csvImport.job.refresh": "Opdater",
    "csvImport.job.pause": "Stop automatisk opdatering",
    "csvImport.job.interrupted": "Importen blev afbrudt, før den blev færdig (serveren blev genstartet). Intet er importeret. Upload filen igen.",
    "csvImport.job.crashed": "Importen mislykkedes på grund af en fejl hos os. Intet er importeret. Prøv igen, eller kontakt en administrator.",
    "csvImport.job.busy": "CSV-fil: en anden import er i gang. Vent, til den er færdig, og prøv igen.",
    "csvImport.job.newImport": "Start en ny import",
  },
  en: {
    "csvImport.where": "Line {line}",
    "csvImport.whereColumn": "Line {line}, column \"{column}\"",
    "csvImport.problem.empty_file": "the file is empty",
    "csvImport.problem.no_rows": "the file contains no initiatives",
    "csvImport.problem.csv_malformed": "the file cannot be read as CSV (e.g. a quotation mark that is not closed)",
    "csvImport.problem.header_missing_column": "column \"{name}\" is missing from the header row",
    "csvImport.problem.header_unknown_column": "unknown column \"{name}\" in the header row",
    "csvImport.problem.header_duplicate_column": "column \"{name}\" appears more than once in the header row",
    "csvImport.problem.field_count": "expected {expected} fields but found {found}",
    "csvImport.problem.required": "is required",
    "csvImport.problem.invalid_value": "invalid value",
    "csvImport.problem.too_long": "must be at most {max} characters",
    "csvImport.problem.unknown_area": "unknown area \"{value}\" (use adults, children, voksne or børn og unge)",
    "csvImport.problem.unknown_phase": "unknown phase \"{value}\" (use Screening, Modning, Afprøvning, Udbredelse or Screening/modning)",
    "csvImport.problem.invalid_year": "invalid year \"{value}\" (expected four-digit years between 2000 and 2100 separated by semicolons, e.g. 2017;2018)",
    "csvImport.problem.duplicate_row": "same title and agreement years as line {firstLine}",
    "csvImport.problem.invalid_owner": "\"{value}\" is not an e-mail address (give the owner's e-mail, e.g. programleder@sbst.dk)",
    "csvImport.problem.unknown_owner": "no active program manager has the e-mail \"{email}\"",
    "csvImport.problem.invalid_budget": "invalid budget \"{value}\" (expected year and whole kroner separated by semicolons, e.g. 2022: 1.500.000; 2023: 2.000.000)",
    "csvImport.problem.budget_repeated_year": "the year {year} has more than one budget",
    "csvImport.problem.budget_year": "budget for {year}, which is not one of the initiative's agreement years ({years})",
    "csvImport.unlinked.no_initiative_with_year": "no initiative under UIP {year} to link \"{title}\" to",
    "csvImport.unlinked.no_similar_title": "no initiative under UIP {year} has a title close enough to \"{title}\"",
    "csvImport.report.created": "Initiatives created: {created} ({adults} adults, {children} children and young people)",
    "csvImport.report.alreadyPresent": "Already present (skipped): {count}",
    "csvImport.report.links": "Links to a successor initiative: {count}",
    "csvImport.report.link": "  {predecessor} → {successor} (similarity {score})",
    "csvImport.report.unlinked": "Outcomes naming a successor initiative that could not be found: {count}",
    "csvImport.job.title": "The import is running",
    "csvImport.job.file": "File: {name}",
    "csvImport.job.waiting": "The import is starting …",
    "csvImport.job.checking": "Checking the rows: {done} of {total}",
    "csvImport.job.writing": "Saving the initiatives: {done} of {total}",
    "csvImport.job.progressLabel": "Progress of the import",
    "csvImport.job.hint": "The page updates itself while the import runs. You can use other pages meanwhile and come back.",
    "csvImport.job.refresh": "Refresh",
    "csvImport.job.pause": "Stop updating automatically",
    "csvImport.job.interrupted": "The import was interrupted before it finished (the server was restarted). Nothing was imported. Upload the file again.",
    "csvImport.job.crashed": "The import failed because of an error on our side. Nothing was imported. Try again, or contact an administrator.",
    "csvImport.job.busy": "CSV file: another import is running. Wait until it has finished and try again.",
    "csvImport.job.newImport": "Start a new import",
  },
};

/** A problem's own words ("ukendt fase \"Modnig\" (…)"), without where it is. */
export function importProblemMessage(t: Translate, p: UipProblem): string {
  const key = p.code === "invalid_budget" && p.params.value === undefined ? "budget_repeated_year" : p.code;
  return t(`csvImport.problem.${key}`, p.params);
}

/** `Linje 5, kolonne "phase": ukendt fase "Modnig" (…)` in the translator's language. */
export function importProblemText(t: Translate, p: UipProblem): string {
  const where = p.column ? t("csvImport.whereColumn", { line: p.line, column: p.column }) : t("csvImport.where", { line: p.line });
  return `${where}: ${importProblemMessage(t, p)}`;
}

/** Why an outcome's successor was not linked. */
export function unlinkedText(t: Translate, u: UnlinkedOutcome): string {
  return t(`csvImport.unlinked.${u.reason}`, { year: u.named.year, title: u.named.title });
}

/** The report as lines of text, for the CLI and the seed's summary. */
export function importReportLines(t: Translate, r: ImportReport): string[] {
  const lines = [t("csvImport.report.created", { created: r.created, adults: r.createdByArea.adults, children: r.createdByArea.children })];
  if (r.alreadyPresent) lines.push(t("csvImport.report.alreadyPresent", { count: r.alreadyPresent }));
  lines.push(t("csvImport.report.links", { count: r.links.length }));
  for (const l of r.links) lines.push(t("csvImport.report.link", { predecessor: l.predecessor, successor: l.successor, score: l.score.toFixed(2) }));
  lines.push(t("csvImport.report.unlinked", { count: r.unlinked.length }));
  for (const u of r.unlinked) lines.push(`  ${u.title}: ${unlinkedText(t, u)}`);
  return lines;
}
