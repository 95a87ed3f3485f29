// An agent's system prompt per request: `{user}` and `{tenant}` are replaced; a line that names a value
// the request does not have is left out (no "Current user: undefined" in the prompt).

export function renderInstructions(template: string): (context: { user: string | undefined; tenant: string | undefined }) => string {
  if (!template.includes('{user}') && !template.includes('{tenant}')) return () => template;
  const lines = template.split('\n');
  return ({ user, tenant }) =>
    lines
      .filter((line) => !(line.includes('{user}') && user === undefined) && !(line.includes('{tenant}') && tenant === undefined))
      .map((line) => line.replaceAll('{user}', user ?? '').replaceAll('{tenant}', tenant ?? ''))
      .join('\n')
      .trim();
}
