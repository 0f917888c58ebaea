// Strings for the releases pages.
export const releases = {
  da: {
  },
  en: {
  },
} as const;
