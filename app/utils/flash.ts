// The one receipt message of the app ("Beslutningen er registreret"), as the root loader hands it to the layout.

export interface Flash {
  /** An i18n key (flash.*); the layout translates it in the reader's language. */
  key: string;
  params?: Record<string, string>;
  /** The path the message belongs to: it shows only there, so a later navigation does not repeat it. */
  path: string;
}
