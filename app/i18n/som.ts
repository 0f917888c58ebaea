// Strings for the som pages.
export const som = {
  da: {
  },
  en: {
  },
} as const;
