/**
 * Whether `text` contains `phrase`, ignoring case, as a whole phrase: "open" is not found inside
 * "reopened" and "42" not inside "1425", so a value counts only when it is really stated.
 */
export function containsPhrase(text: string, phrase: string): boolean {
  const needle = phrase.trim().toLowerCase();
  if (needle === '') return false;
  const haystack = text.toLowerCase();
  const wordish = /[\p{L}\p{N}]/u;
  const guardStart = wordish.test(needle[0] as string);
  const guardEnd = wordish.test(needle.at(-1) as string);
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = at === 0 ? '' : (haystack[at - 1] as string);
    const after = haystack[at + needle.length] ?? '';
    if ((!guardStart || !wordish.test(before)) && (!guardEnd || !wordish.test(after))) return true;
  }
  return false;
}
