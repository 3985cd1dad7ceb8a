/** Spoken languages offered for subtitles (ISO 639-1 codes the speech model knows) and how to name a code. */

/** The subtitle form's choices, in English, most widely spoken first within reason; the server accepts more. */
export const SUBTITLE_LANGUAGES: readonly [code: string, name: string][] = [
  ["en", "English"],
  ["de", "German"],
  ["es", "Spanish"],
  ["fr", "French"],
  ["it", "Italian"],
  ["pt", "Portuguese"],
  ["nl", "Dutch"],
  ["pl", "Polish"],
  ["ru", "Russian"],
  ["uk", "Ukrainian"],
  ["tr", "Turkish"],
  ["ar", "Arabic"],
  ["hi", "Hindi"],
  ["zh", "Chinese"],
  ["ja", "Japanese"],
  ["ko", "Korean"],
];

const NAMES = new Map(SUBTITLE_LANGUAGES);

/**
 * "de" → "German": the form's name, else the browser's English name for any other code the model detected, else the
 * code itself.
 */
export function languageName(code: string): string {
  const known = NAMES.get(code);
  if (known) return known;
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(code) ?? code;
  } catch {
    return code; // not a well-formed tag
  }
}
