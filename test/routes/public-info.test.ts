// The accessibility statement and privacy notice pages: public, and the contact address is configurable.
import { afterEach, describe, expect, it } from "vitest";
import { loader as privacy } from "~/routes/privatliv";
import { loader as statement } from "~/routes/tilgaengelighed";
import { translator } from "~/i18n";

afterEach(() => {
  delete process.env.CONTACT_EMAIL;
});

describe("public information pages", () => {
  it("answer without a login, with the agency's contact address", () => {
    expect(statement()).toEqual({ email: "sbst@sbst.dk" });
    expect(privacy()).toEqual({ email: "sbst@sbst.dk", days: 30 });
  });

  it("use CONTACT_EMAIL when it is an address, and ignore it when it is not", () => {
    process.env.CONTACT_EMAIL = "webtilgaengelighed@styrelse.dk";
    expect(statement().email).toBe("webtilgaengelighed@styrelse.dk");
    process.env.CONTACT_EMAIL = "not an address";
    expect(privacy().email).toBe("sbst@sbst.dk");
  });

  it("state the erasure period the subscriber rule applies", () => {
    expect(translator("da")("privacy.howLong.text", { days: privacy().days })).toContain("slettes din e-mailadresse 30 dage efter");
    expect(translator("en")("privacy.howLong.text", { days: privacy().days })).toContain("erased 30 days later");
  });
});
