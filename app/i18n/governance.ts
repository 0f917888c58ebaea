// Strings for the steering group's own pages (home, meetings, agenda, minutes), the receipts (flash.*) and
// the confirmation step shared by every irreversible form.
export const governance = {
  da: {
    "confirm.cancel": "Nej, gå tilbage",
    "flash.initiative.created": "Initiativet er oprettet.",
    "flash.initiative.updated": "Ændringerne er gemt.",
  },
  en: {
    "confirm.cancel": "No, go back",
    "flash.initiative.created": "The initiative has been created.",
    "flash.initiative.updated": "Your changes have been saved.",
  },
};
