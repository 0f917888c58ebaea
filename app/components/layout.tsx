// The page frame: skip link, header with the solution name, main navigation, language switch, footer.
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { can, hasRole, isExternalOnly } from "~/utils/permissions";
import { useRootData, useT } from "~/utils/i18n";

export function Header() {
  const t = useT();
  const { user, lang } = useRootData();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <>
      <a className="skipnav" href="#main-content">{t("nav.skip")}</a>
      <header className="header app-header">
        <div className="container app-header__top">
          <div className="app-header__brand">
            <a href="/" className="app-header__name">{t("app.name")}</a>
            <span className="app-header__owner">{t("app.owner")}</span>
          </div>
          <div className="app-header__tools">
            <Form method="post" action="/sprog" className="app-inline-form">
              <input type="hidden" name="lang" value={lang === "da" ? "en" : "da"} />
              <input type="hidden" name="redirectTo" value={here} />
              <button type="submit" className="button button-unstyled app-link-button" lang={lang === "da" ? "en" : "da"} aria-label={t("lang.switchLabel")}>
                {t("lang.switch")}
              </button>
            </Form>
            {user ? (
              <>
                <span className="app-header__user">{t("nav.loggedInAs", { name: user.name, role: user.roles.map((r) => t(`role.${r}`)).join(", ") })}</span>
                <a href="/konto" className="button button-secondary button-small">{t("account.nav")}</a>
                <Form method="post" action="/logout" className="app-inline-form">
                  <button type="submit" className="button button-secondary button-small">{t("nav.logout")}</button>
                </Form>
              </>
            ) : (
              <a href={`/login?redirectTo=${encodeURIComponent(here)}`} className="button button-secondary button-small">{t("nav.login")}</a>
            )}
          </div>
        </div>
        <nav className="app-nav" aria-label={t("nav.main")}>
          {/* The list sits inside the same .container as the header and <main>, so its links start where the content does. */}
          <div className="container">
            <ul className="app-nav__list no-max-width">
              {user && isExternalOnly(user) ? (
                <li><NavLink to="/mine-vurderinger" className="app-nav__link">{t("nav.myAssessments")}</NavLink></li>
              ) : user ? (
                <>
                  {hasRole(user, "program_manager") ? (
                    <li><NavLink to="/mine-initiativer" className="app-nav__link">{t("nav.mine")}</NavLink></li>
                  ) : null}
                  {can(user, "meeting.manage") ? (
                    <li><NavLink to="/styregruppe" className="app-nav__link">{t("nav.steering")}</NavLink></li>
                  ) : null}
                  <li><NavLink to="/initiativer" className="app-nav__link">{t("nav.initiatives")}</NavLink></li>
                  <li><NavLink to="/portefolje" className="app-nav__link">{t("nav.portfolio")}</NavLink></li>
                  <li><NavLink to="/som" className="app-nav__link">{t("nav.som")}</NavLink></li>
                  {can(user, "release.edit") ? (
                    <li><NavLink to="/udgivelser" className="app-nav__link">{t("nav.releases")}</NavLink></li>
                  ) : null}
                  {can(user, "initiative.import") ? (
                    <li><NavLink to="/import" className="app-nav__link">{t("nav.import")}</NavLink></li>
                  ) : null}
                  {can(user, "users.manage") ? (
                    <li><NavLink to="/admin/brugere" className="app-nav__link">{t("nav.users")}</NavLink></li>
                  ) : null}
                  {can(user, "audit.view") ? (
                    <li><NavLink to="/admin/revision" className="app-nav__link">{t("nav.audit")}</NavLink></li>
                  ) : null}
                </>
              ) : null}
              <li><NavLink to="/viden" className="app-nav__link">{t("nav.knowledge")}</NavLink></li>
            </ul>
          </div>
        </nav>
      </header>
    </>
  );
}

export function Footer() {
  const t = useT();
  return (
    <footer className="footer app-footer">
      <div className="container">
        <p>{t("footer.about")}</p>
        <p>{t("app.owner")}</p>
        <ul className="app-footer-links">
          <li><Link to="/tilgaengelighed">{t("footer.accessibility")}</Link></li>
          <li><Link to="/privatliv">{t("footer.privacy")}</Link></li>
        </ul>
      </div>
    </footer>
  );
}
