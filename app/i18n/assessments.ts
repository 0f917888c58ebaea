// Strings for the assessments pages.
export const assessments = {
  da: {
  },
  en: {
  },
} as const;
