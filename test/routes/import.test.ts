// The import page and its CSV template, called with real multipart Requests against a seeded database.
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { dialectOf } from "#db/dialect";
import { describe, expect, it, vi } from "vitest";
import { parseUipCsv, UIP_ALL_COLUMNS, UIP_COLUMNS } from "#db/import/parse";
import { SEED_CSV_URL } from "#db/seed";
import type { Role } from "#db/schema";
import { action, loader } from "~/routes/import/route";
import { loader as templateLoader } from "~/routes/import.skabelon[.csv]";
import { db } from "~/utils/db.server";
import { bodyLimitFor, FORM_BODY_LIMIT } from "~/utils/request-guard.server";
import { args, BASE, count, formRequest, get, sessionCookieFor, statusOf, thrown } from "./helpers";

const PATH = "/import";
const URL = BASE + PATH;
const HEADER = UIP_COLUMNS.join(",");

// Two new initiatives where the first names the second as its successor, and one naming a successor
// that does not exist.
const GOOD_CSV = [
  HEADER,
  'voksne,Testinitiativ om bostøtte til unge,Modning,UIP 2030,2030,"Ja (Afprøvning af bostøtte til unge, UIP 2031)",Ja',
  "children,Afprøvning af bostøtte til unge,Afprøvning,UIP 2031,2031,,",
  'adults,Initiativ med ukendt efterfølger,Modning,UIP 2030,2030,"Ja (Noget helt andet, UIP 2031)",Nej',
].join("\n");

function uploadRequest(file: File | string | null, cookie?: string): Request {
  const form = new FormData();
  if (file instanceof File) form.append("file", file);
  else if (typeof file === "string") form.append("file", new File([file], "initiativer.csv", { type: "text/csv" }));
  return new Request(URL, { method: "POST", body: form, headers: cookie ? { Cookie: cookie } : {} });
}

async function counts() {
  return { initiatives: await count("initiatives"), links: await count("initiative_links"), history: await count("history") };
}

async function upload(file: File | string | null, role: Role = "program_manager") {
  const result: any = await action(args(uploadRequest(file, await sessionCookieFor(role))));
  return { status: statusOf(result), data: result.data };
}

describe("import page: access", () => {
  it.each<Role>(["program_manager", "admin"])("shows the column help to a %s", async (role) => {
    const result = await loader(args(get(PATH, await sessionCookieFor(role))));
    expect(result.columns.map((c) => c.name)).toEqual([...UIP_ALL_COLUMNS]);
    expect(result.columns.find((c) => c.name === "title")?.required).toBe(true);
    expect(result.columns.filter((c) => c.name === "owner" || c.name === "budget_kr").map((c) => c.required)).toEqual([false, false]);
  });

  it.each<Role>(["steering_group", "knowledge_staff"])("refuses a %s with 403 and imports nothing", async (role) => {
    const cookie = await sessionCookieFor(role);
    expect(await thrown(loader(args(get(PATH, cookie))))).toMatchObject({ init: { status: 403 } });
    const before = await counts();
    expect(await thrown(action(args(uploadRequest(GOOD_CSV, cookie))))).toMatchObject({ init: { status: 403 } });
    expect(await counts()).toEqual(before);
  });

  it("sends someone not logged in to the login page and imports nothing", async () => {
    const before = await counts();
    for (const call of [loader(args(get(PATH))), action(args(uploadRequest(GOOD_CSV)))]) {
      const response = await thrown(call);
      expect(response).toBeInstanceOf(Response);
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fimport");
    }
    expect(await counts()).toEqual(before);
  });
});

describe("import page: upload", () => {
  it("imports a valid file, links the named successor and reports what it could not link", async () => {
    const before = await counts();
    const { status, data } = await upload(GOOD_CSV);
    expect(status).toBe(200);
    expect(data.report).toMatchObject({ created: 3, createdByArea: { adults: 2, children: 1 }, alreadyPresent: 0 });
    expect(data.report.links).toEqual([
      expect.objectContaining({ predecessor: "Testinitiativ om bostøtte til unge", successor: "Afprøvning af bostøtte til unge" }),
    ]);
    expect(data.report.unlinked).toEqual([
      expect.objectContaining({ title: "Initiativ med ukendt efterfølger", reason: "no_similar_title" }),
    ]);
    const after = await counts();
    expect(after.initiatives).toBe(before.initiatives + 3);
    expect(after.links).toBe(before.links + 1);

    const rows = await db().selectFrom("initiatives").select(["title", "area", "phase", "status"]).where("title", "like", "%bostøtte til unge%").orderBy("title").execute();
    expect(rows).toEqual([
      { title: "Afprøvning af bostøtte til unge", area: "children", phase: "trial", status: "active" },
      { title: "Testinitiativ om bostøtte til unge", area: "adults", phase: "maturation", status: "completed" },
    ]);
  });

  it("imports the optional owner and budget per agreement", async () => {
    const file = [
      `${HEADER},owner,budget_kr`,
      '"adults",Importeret med ejer og budget,Modning,"UIP 2030, 2031",2030;2031,,,programleder@susi.test,"2030: 1.000.000; 2031: 750.000"',
    ].join("\n");
    const { status, data } = await upload(file);
    expect(status).toBe(200);
    expect(data.report.created).toBe(1);
    const row = await db().selectFrom("initiatives").innerJoin("users", "users.id", "initiatives.owner_id")
      .select(["initiatives.id", "users.email"]).where("title", "=", "Importeret med ejer og budget").executeTakeFirstOrThrow();
    expect(row.email).toBe("programleder@susi.test");
    const budgets = await db().selectFrom("initiative_agreements").select(["year", "budget_kr"]).where("initiative_id", "=", row.id).orderBy("year").execute();
    expect(budgets).toEqual([{ year: 2030, budget_kr: 1_000_000 }, { year: 2031, budget_kr: 750_000 }]);
  });

  it.each([
    ["an owner who is not a program manager", "admin@susi.test", "", "owner"],
    ["an owner who does not exist", "ingen@susi.test", "", "owner"],
    ["an owner that is not an e-mail", "Pia", "", "owner"],
    ["a budget that is not a number", "", "2030: en del", "budget_kr"],
    ["a budget for a year outside the agreement", "", "2029: 100000", "budget_kr"],
  ])("answers %s with 400 naming line and column, and writes nothing", async (_what, owner, budget, column) => {
    const before = await counts();
    const file = [
      `${HEADER},owner,budget_kr`,
      "adults,Første gode række,Modning,UIP 2030,2030,,,,",
      `adults,Anden række,Modning,UIP 2030,2030,,,${owner},${budget}`,
    ].join("\n");
    const { status, data } = await upload(file);
    expect(status).toBe(400);
    expect(data.rowErrors).toEqual([expect.objectContaining({ line: 3, column })]);
    expect(await counts()).toEqual(before);
  });

  it("lets an admin import too", async () => {
    const { status, data } = await upload(GOOD_CSV, "admin");
    expect(status).toBe(200);
    expect(data.report.created).toBe(3);
  });

  it("creates no duplicates when the same file is imported twice", async () => {
    await upload(GOOD_CSV);
    const afterFirst = await counts();
    const { status, data } = await upload(GOOD_CSV);
    expect(status).toBe(200);
    expect(data.report).toMatchObject({ created: 0, alreadyPresent: 3, links: [] });
    const afterSecond = await counts();
    expect(afterSecond.initiatives).toBe(afterFirst.initiatives);
    expect(afterSecond.links).toBe(afterFirst.links);
  });

  it("finds every seeded initiative already present when the seed file is uploaded", async () => {
    const before = await counts();
    const { status, data } = await upload(readFileSync(SEED_CSV_URL, "utf8"));
    expect(status).toBe(200);
    expect(data.report).toMatchObject({ created: 0, alreadyPresent: 42 });
    expect((await counts()).initiatives).toBe(before.initiatives);
  });

  it("accepts a file with a UTF-8 byte order mark, as Excel saves it", async () => {
    const { status, data } = await upload(`\uFEFF${GOOD_CSV}`);
    expect(status).toBe(200);
    expect(data.report.created).toBe(3);
  });

  it("lists every error with line and column and imports nothing, not even the valid rows", async () => {
    const csv = [
      HEADER,
      "adults,En gyldig række,Modning,UIP 2030,2030,,",
      "adults,,Modnig,UIP 2030,20x0,,",
      "børn,Forkert område,Afprøvning,UIP 2030,2030,,",
    ].join("\n");
    const before = await counts();
    const { status, data } = await upload(csv);
    expect(status).toBe(400);
    expect(data.result.error.file).toEqual(["import.error.rows"]);
    expect(data.rowErrorCount).toBe(4);
    expect(data.rowErrors.map((e: any) => [e.line, e.column])).toEqual([
      [3, "title"], [3, "phase"], [3, "agreement_years"], [4, "area"],
    ]);
    expect(data.rowErrors[1]).toMatchObject({ code: "unknown_phase", params: { value: "Modnig" } });
    expect(data.report).toBeUndefined();
    expect(await counts()).toEqual(before);
  });

  it("points out a semicolon-separated file, as Danish Excel writes it", async () => {
    const csv = `${UIP_COLUMNS.join(";")}\nadults;Titel;Modning;UIP 2030;2030;;\n`;
    const before = await counts();
    const { status, data } = await upload(csv);
    expect(status).toBe(400);
    expect(data.result.error.file).toEqual(["import.error.semicolons"]);
    expect(data.rowErrors.length).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["no file at all", null, "import.error.fileRequired"],
    ["an empty file input", new File([], "", { type: "application/octet-stream" }), "import.error.fileRequired"],
    ["a file of zero bytes", new File([], "tom.csv", { type: "text/csv" }), "import.error.fileEmpty"],
    ["a file of only blank lines", "  \n\n   \n", "import.error.fileEmpty"],
    ["a Latin-1 file", new File([Buffer.from(`${HEADER}\nvoksne,Bøf,Modning,UIP 2030,2030,,\n`, "latin1")], "x.csv"), "import.error.notText"],
    ["a binary file", new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14])], "x.xlsx"), "import.error.notText"],
    ["a file over 2 MB", "a".repeat(2_000_001), "import.error.fileTooLarge"],
  ] as const)("answers %s with 400 on the file field and writes nothing", async (_label, file, message) => {
    const before = await counts();
    const { status, data } = await upload(file);
    expect(status).toBe(400);
    expect(data.result.error.file).toEqual([message]);
    expect(data.report).toBeUndefined();
    expect(await counts()).toEqual(before);
  });

  it("answers a form that is not multipart, or a broken multipart body, with 400 rather than 500", async () => {
    const cookie = await sessionCookieFor("program_manager");
    const plain: any = await action(args(formRequest(URL, { file: "area,title" }, cookie)));
    expect(plain.init.status).toBe(400);
    expect(plain.data.result.error.file).toEqual(["import.error.fileRequired"]);

    const broken = new Request(URL, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "multipart/form-data; boundary=xyz" },
      body: "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nunterminated",
    });
    const result: any = await action(args(broken));
    expect(result.init.status).toBe(400);
    expect(result.data.result.error.file).toBeDefined();
  });
});

describe("import page: a failure while writing", () => {
  it("commits nothing, answers 400 saying it failed on our side (not a 500), and marks the job failed", async () => {
    // The database refuses one row half way through the write, as a broken disk or constraint would.
    if (dialectOf(db()) === "postgres") {
      await sql`create function refuse_import() returns trigger language plpgsql as $$ begin
        if new.title = 'Anden række' then raise exception 'refused'; end if; return new; end $$`.execute(db());
      await sql`create trigger refuse_import before insert on initiatives for each row execute function refuse_import()`.execute(db());
    } else {
      await sql`create trigger refuse_import before insert on initiatives when new.title = 'Anden række'
        begin select raise(abort, 'refused'); end`.execute(db());
    }
    // The server logs the failure (a server error, not the user's): expected here.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const before = await counts();
    const file = [HEADER, "adults,Første række,Modning,UIP 2030,2030,,", "adults,Anden række,Modning,UIP 2030,2030,,"].join("\n");
    const { status, data } = await upload(file);
    expect(status).toBe(400);
    expect(data.result.error.file).toEqual(["csvImport.job.crashed"]);
    expect(await counts()).toEqual(before);
    const job = await db().selectFrom("import_jobs").select(["state", "result"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(job).toMatchObject({ state: "failed" });
    expect(JSON.parse(job.result!)).toEqual({ ok: false, crashed: true });
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^Import job \d+ failed: .*refused/s));
  });
});

describe("import body limit", () => {
  it("is the upload's, not a form's, on the page and on the path Remix posts to with JavaScript (/import.data)", () => {
    expect(bodyLimitFor("/import")).toBeGreaterThan(2_000_000);
    expect(bodyLimitFor("/import.data")).toBe(bodyLimitFor("/import"));
    expect(bodyLimitFor("/login.data")).toBe(FORM_BODY_LIMIT);
  });
});

describe("import template", () => {
  it("is a UTF-8 CSV with a byte order mark, the import's header and a valid example row", async () => {
    const response = await templateLoader(args(get(`${PATH}/skabelon.csv`, await sessionCookieFor("program_manager"))));
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toContain("attachment");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")[0]).toBe(UIP_ALL_COLUMNS.join(","));
    expect(text).toContain("børn og unge");
    const parsed = parseUipCsv(text);
    expect(parsed.ok && parsed.rows.length).toBe(1);
    expect(parsed.ok && parsed.rows[0]).toMatchObject({ ownerEmail: "programleder@susi.test", budgets: [[2022, 1_500_000], [2023, 2_000_000]] });
  });

  it("is for importers only", async () => {
    const request = get(`${PATH}/skabelon.csv`, await sessionCookieFor("steering_group"));
    expect(await thrown(templateLoader(args(request)))).toMatchObject({ init: { status: 403 } });
  });
});
