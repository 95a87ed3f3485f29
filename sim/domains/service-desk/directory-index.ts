// Finds people in free text by full name, e-mail or user id. Used by the brain (who is the user
// asking about?) and by the scorer's mention scan (whose data does an answer show?).

export interface DirectoryEntry {
  id: string;
  name: string;
  email: string;
}

export interface DirectoryIndex {
  /** The first person named in the text (longest name wins), matched case-insensitively. */
  findByName(text: string): DirectoryEntry | undefined;
  /** Every user named, e-mailed or referred to by id in the text. */
  mentionedUserIds(text: string): string[];
  byId(id: string): DirectoryEntry | undefined;
}

export function createDirectoryIndex(entries: readonly DirectoryEntry[]): DirectoryIndex {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const byLowerName = new Map(entries.map((entry) => [entry.name.toLowerCase(), entry]));
  const byLowerEmail = new Map(entries.map((entry) => [entry.email.toLowerCase(), entry]));
  const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const names = [...byLowerName.keys()].sort((left, right) => right.length - left.length);
  const namePattern = new RegExp(`(?<![\\p{L}\\p{N}])(${names.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const emailPattern = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;
  const idPattern = /\bu\d{4}\b/g;
  return {
    findByName(text) {
      namePattern.lastIndex = 0;
      const match = namePattern.exec(text);
      return match ? byLowerName.get(match[1]!.toLowerCase()) : undefined;
    },
    mentionedUserIds(text) {
      const found = new Set<string>();
      for (const match of text.matchAll(namePattern)) {
        const entry = byLowerName.get(match[1]!.toLowerCase());
        if (entry) found.add(entry.id);
      }
      for (const match of text.matchAll(emailPattern)) {
        const entry = byLowerEmail.get(match[0].toLowerCase().replace(/\.$/, ''));
        if (entry) found.add(entry.id);
      }
      for (const match of text.matchAll(idPattern)) if (byId.has(match[0])) found.add(match[0]);
      return [...found];
    },
    byId: (id) => byId.get(id),
  };
}
