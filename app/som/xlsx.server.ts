// SØM calculations as Excel workbooks: the layout (xlsx-layout.ts), the writer with live formulas
// (xlsx-writer.server.ts) and the reader of the input sheets (xlsx-reader.server.ts), in one import for
// the routes and the command line.
export {
  MAX_SOM_XLSX_BYTES, SHEET, SOM_XLSX_CONTENT_TYPE, SOM_XLSX_FORMAT, type SomWorkbookData, type SomWorkbookImport, type SomWorkbookMeta,
} from "./xlsx-layout";
export { buildSomWorkbook, engineFigure, writeSomWorkbook, type SomResultCell } from "./xlsx-writer.server";
export { formatXlsxIssue, parseSomWorkbook, type SomWorkbookParse, type XlsxIssue, type XlsxIssueCode } from "./xlsx-reader.server";
