// Strings for the admin pages.
export const admin = {
  da: {
  },
  en: {
  },
} as const;
