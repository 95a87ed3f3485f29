/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (character) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[character]};`);
}

/** Distinct colours for up to eight agents, then repeating. */
const palette = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

export function agentColour(index: number): string {
  return palette[index % palette.length] as string;
}

/** A number with at most `digits` decimals, no trailing zeros, for coordinates. */
export function coordinate(value: number, digits = 1): string {
  return Number(value.toFixed(digits)).toString();
}
