// Every feature's dictionary, by the name of its file. The server registers all of them (./index); the client
// build registers only those its modules use (scripts/vite-i18n-split.ts, DECISIONS 0113).
import { common } from "./common";
import { glossary } from "./glossary";
import { initiatives } from "./initiatives";
import { assessments } from "./assessments";
import { decisions } from "./decisions";
import { admin } from "./admin";
import { som } from "./som";
import { somKnowledge } from "./som-knowledge";
import { somWorkbook } from "./som-workbook";
import { releases } from "./releases";
import { portal } from "./portal";
import { subscriptions } from "./subscriptions";
import { governance } from "./governance";
import { initiativeLists } from "./initiative-lists";
import { portfolio } from "./portfolio";
import { history } from "./history";
import { mail } from "./mail";
import { publicInfo } from "./public-info";
import { account } from "./account";
import { governanceRules } from "./governance-rules";
import { meetings } from "./meetings";
import { csvImport } from "./csv-import";

export const CATALOG = {
  "common": common,
  "glossary": glossary,
  "initiatives": initiatives,
  "assessments": assessments,
  "decisions": decisions,
  "admin": admin,
  "som": som,
  "som-knowledge": somKnowledge,
  "som-workbook": somWorkbook,
  "releases": releases,
  "portal": portal,
  "subscriptions": subscriptions,
  "governance": governance,
  "initiative-lists": initiativeLists,
  "portfolio": portfolio,
  "history": history,
  "mail": mail,
  "public-info": publicInfo,
  "account": account,
  "governance-rules": governanceRules,
  "meetings": meetings,
  "csv-import": csvImport,
} as const;

export type Catalog = typeof CATALOG;
