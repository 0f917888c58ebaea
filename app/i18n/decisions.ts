// Strings for the decisions pages.
export const decisions = {
  da: {
  },
  en: {
  },
} as const;
