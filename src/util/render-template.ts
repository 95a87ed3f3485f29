// Templates over a tool's input: "looking up {ticketId}…", "ticket:{ticketId}", "user:{user.id}".
// Used for progress messages and for the read/write tags the caches invalidate by.

const placeholder = /\{([A-Za-z_$][\w$]*(?:\.[\w$]+)*)\}/g;

/** The input paths a template references, e.g. ["ticketId", "user.id"]. */
export function templateKeys(template: string): string[] {
  return [...template.matchAll(placeholder)].map((match) => match[1]!);
}

/** Reads a dotted path ("user.managerId", "items.0.id") from a value. */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Fills each placeholder from the input; missing values render as empty text. */
export function renderTemplate(template: string, input: unknown): string {
  return template.replace(placeholder, (_match, path: string) => {
    const value = readPath(input, path);
    if (value === undefined || value === null) return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

/** Renders a list of tag templates; a tool without tags yields an empty list. */
export function renderTags(templates: readonly string[] | undefined, input: unknown): string[] {
  return templates ? templates.map((template) => renderTemplate(template, input)) : [];
}
