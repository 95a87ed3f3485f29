// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks (RouteLLM's prompts and
// model answers do), so the text is scanned character by character rather than split on newlines.

export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let quotedFieldStart = 0;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  while (index < text.length) {
    const character = text[index] as string;
    if (inQuotes) {
      if (character === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        inQuotes = false;
      } else {
        field += character;
      }
      index++;
      continue;
    }
    if (character === '"' && field.length === 0) {
      inQuotes = true;
      quotedFieldStart = index;
    } else if (character === ',') {
      record.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      endRecord();
      if (character === '\r' && text[index + 1] === '\n') index++;
    } else {
      field += character;
    }
    index++;
  }
  if (inQuotes) {
    const line = text.slice(0, quotedFieldStart).split('\n').length;
    throw new Error(`CSV: the quoted field starting on line ${line} is never closed`);
  }
  if (field.length > 0 || record.length > 0) endRecord();
  return records;
}

/** Records as objects keyed by the header row; every record must have the header's field count. */
export function parseCsvRecords(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  if (header === undefined) return [];
  return rows.map((row, index) => {
    if (row.length !== header.length) {
      throw new Error(`CSV: record ${index + 1} has ${row.length} fields, the header has ${header.length}`);
    }
    return Object.fromEntries(header.map((name, column) => [name, row[column] as string]));
  });
}
