// Strings for login security and the user's own account (issue 14): throttling and lockout refusals, the
// user-administration refusals, the password change and reset pages, and their history labels.
export const account = {
  da: {
    "account.refusal.account_locked": "For mange forkerte adgangskoder til denne konto. Kontoen er spærret; prøv igen om {minutes} minutter, eller bed en administrator om at ophæve spærringen.",
    "account.refusal.address_throttled": "For mange mislykkede logind fra din adresse. Prøv igen om {minutes} minutter.",
    "account.refusal.not_admin": "Kun en aktiv administrator kan administrere brugere.",
    "account.refusal.own_admin_role": "Du kan ikke fjerne din egen administratorrolle. Bed en anden administrator om det.",
    "account.refusal.own_deactivate": "Du kan ikke deaktivere dig selv. Bed en anden administrator om det.",
    "history.auth.login": "Logget ind",
    "history.auth.login_failed": "Mislykket logind",
    "history.auth.logout": "Logget ud",
    "history.user.unlocked": "Spærring af logind ophævet",
  },
  en: {
    "account.refusal.account_locked": "Too many wrong passwords for this account. The account is locked; try again in {minutes} minutes, or ask an administrator to lift the lockout.",
    "account.refusal.address_throttled": "Too many failed logins from your address. Try again in {minutes} minutes.",
    "account.refusal.not_admin": "Only an active administrator can administer users.",
    "account.refusal.own_admin_role": "You cannot remove your own administrator role. Ask another administrator to do it.",
    "account.refusal.own_deactivate": "You cannot deactivate yourself. Ask another administrator to do it.",
    "history.auth.login": "Logged in",
    "history.auth.login_failed": "Failed login",
    "history.auth.logout": "Logged out",
    "history.user.unlocked": "Login lockout lifted",
  },
};
