// Strings for the portal pages.
export const portal = {
  da: {
  },
  en: {
  },
} as const;
