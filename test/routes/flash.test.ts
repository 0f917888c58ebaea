// The app's one receipt mechanism and the confirmation step's server half.
import { describe, expect, it } from "vitest";
import { loader as rootLoader } from "~/root";
import { confirmationFields, isConfirmed } from "~/utils/confirm.server";
import { FLASH_COOKIE, parseFlash, redirectWithFlash } from "~/utils/flash.server";
import { args, get } from "./helpers";

describe("flash messages", () => {
  it("carries a receipt key through a redirect to the page it lands on, once", async () => {
    const res = redirectWithFlash(new Request("http://localhost/initiativer/ny"), "/initiativer/7?x=1", "flash.initiative.created");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/initiativer/7?x=1");
    const setCookie = res.headers.get("Set-Cookie")!;
    expect(setCookie).toContain("HttpOnly");
    const cookie = setCookie.split(";")[0];
    const answer: any = await rootLoader(args(get("/initiativer/7", cookie)));
    // With a flash the root answers data() so that the same response clears the cookie.
    expect(answer.data.flash).toEqual({ key: "flash.initiative.created", params: {}, path: "/initiativer/7" });
    expect(new Headers(answer.init.headers).get("Set-Cookie")).toContain(`${FLASH_COOKIE}=; Path=/`);
    expect(new Headers(answer.init.headers).get("Set-Cookie")).toContain("Max-Age=0");
  });

  it("never redirects off-site and ignores cookies it did not set", async () => {
    expect(redirectWithFlash(new Request("http://localhost/"), "//evil.example", "flash.initiative.created").headers.get("Location")).toBe("/");
    expect(parseFlash("not-base64-json")).toBeNull();
    const forged = Buffer.from(JSON.stringify({ key: "<b>hi</b>", path: "/" })).toString("base64url");
    expect(parseFlash(forged)).toBeNull();
    const noCookie: any = await rootLoader(args(get("/")));
    expect(noCookie.flash).toBeNull();
  });
});

describe("confirmation step", () => {
  it("posts the form's own fields again, without conform's control fields", () => {
    const form = new FormData();
    form.append("outcome", "stop");
    form.append("conditions[0].text", "x");
    form.append("__intent__", "{}");
    form.append("confirmed", "no");
    expect(isConfirmed(form)).toBe(false);
    expect(confirmationFields(form)).toEqual([["outcome", "stop"], ["conditions[0].text", "x"]]);
    form.set("confirmed", "yes");
    expect(isConfirmed(form)).toBe(true);
  });
});
