// The subscribers' mails read as before their words moved to app/i18n/mail.ts: Danish, with every link.
import { describe, expect, it } from "vitest";
import { renderMail } from "~/mail/templates.server";

const links = { baseUrl: "https://viden.example.dk", unsubscribeToken: "u".repeat(43) };
const unsubscribe = `https://viden.example.dk/viden/abonnement/afmeld/${"u".repeat(43)}`;

describe("subscriber mails", () => {
  it("asks for confirmation in Danish, saying what is followed and how often", () => {
    const m = renderMail("confirm", {
      confirmToken: "c".repeat(43), municipalityCode: "101", areas: ["adults", "children"], topics: ["hjemløshed", "recovery"], frequency: "weekly",
    }, links);
    expect(m.subject).toBe("Bekræft dit abonnement på ny viden");
    expect(m.text).toContain("Vi har fået en tilmelding til nyt om vidensudgivelser fra Social- og Boligstyrelsen for denne e-mailadresse.");
    expect(m.text).toContain("Kommune: København");
    expect(m.text).toContain("Følger: Voksne og Børn og unge; emnerne hjemløshed, recovery");
    expect(m.text).toContain("Du får: én samlet mail om ugen (mandag morgen)");
    expect(m.text).toContain(`Bekræft tilmeldingen her:\nhttps://viden.example.dk/viden/abonnement/bekraeft/${"c".repeat(43)}`);
    expect(m.text).toContain(`Afmeld her: ${unsubscribe}`);
    expect(m.html).toContain(">Bekræft tilmeldingen</a>");
    expect(m.headers["List-Unsubscribe"]).toBe(`<${unsubscribe}>`);
  });

  it("announces a release and a new edition of one", () => {
    const release = { id: 7, title: "Housing First", summary: "Kort.", url: "/viden/housing-first", edition: 1, area: "adults", topics: [], maturity: "tested" };
    expect(renderMail("notice", { release }, links).subject).toBe("Ny viden: Housing First");
    const second = renderMail("notice", { release: { ...release, edition: 2 } }, links);
    expect(second.subject).toBe("Ny udgave af viden: Housing First");
    expect(second.text).toContain("Der er udkommet en ny udgave (udgave 2) af en vidensudgivelse, du følger:");
    expect(second.text).toContain("Læs mere: https://viden.example.dk/viden/housing-first");
  });

  it("carries a major edition's change note (issue 13)", () => {
    const release = { id: 7, title: "Housing First", summary: "Kort.", url: "/viden/housing-first", edition: 2, areas: ["adults"], topics: [], changeNote: "Nye tal <fra> 2026." };
    const m = renderMail("notice", { release }, links);
    expect(m.text).toContain("Hvad er ændret:\nNye tal <fra> 2026.");
    expect(m.html).toContain("Nye tal &lt;fra&gt; 2026.");
  });

  it("tells of a withdrawal with the reason and the page that says so (issue 13)", () => {
    const m = renderMail("withdrawal", {
      withdrawal: { id: 7, title: "Housing First", reason: "Tallene var forkerte.", withdrawnAt: "2026-12-02T10:00:00.000Z", url: "/viden/housing-first" },
    }, links);
    expect(m.subject).toBe("Trukket tilbage: Housing First");
    expect(m.text).toContain("En vidensudgivelse, du har fået besked om, er trukket tilbage.");
    expect(m.text).toContain("Begrundelse:\nTallene var forkerte.");
    expect(m.text).toContain("https://viden.example.dk/viden/housing-first");
    expect(m.text).toContain(`Afmeld her: ${unsubscribe}`);
    expect(m.headers["List-Unsubscribe"]).toBe(`<${unsubscribe}>`);
  });

  it("counts the week's releases in the digest's subject", () => {
    const item = (id: number, edition = 1) => ({ id, title: `Udgivelse ${id}`, summary: "Kort.", url: `/viden/${id}`, edition });
    expect(renderMail("digest", { dueAt: "2026-03-02T07:00:00.000Z", releases: [item(1)] }, links).subject).toBe("Ugens nye viden: 1 udgivelse");
    const two = renderMail("digest", { dueAt: "2026-03-02T07:00:00.000Z", releases: [item(2, 3), item(1)] }, links);
    expect(two.subject).toBe("Ugens nye viden: 2 udgivelser");
    expect(two.text).toContain("Her er ugens nye vidensudgivelser, som du følger:");
    expect(two.text.indexOf("Udgivelse 1")).toBeLessThan(two.text.indexOf("Udgivelse 2 (udgave 3)"));
  });
});
