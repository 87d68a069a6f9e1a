/**
 * A small RFC 4180 reader: comma-separated fields, optional double quotes, `""` for a quote inside
 * quotes, line breaks inside quotes, CRLF or LF. Each record keeps the line it starts on so errors
 * can point at it. Lines that are entirely empty are skipped.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** Set when the record is malformed (a stray or unterminated quote); `fields` is then unreliable. */
  error?: string;
}

export function readCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let line = 1;
  let record: CsvRecord = { line, fields: [] };
  let field = "";
  let quoted = false;
  let inQuotes = false;
  let afterQuote = false;
  const fail = (message: string) => {
    record.error ??= message;
  };
  const endField = () => {
    record.fields.push(field);
    field = "";
    quoted = false;
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    const blank = record.fields.length === 1 && record.fields[0] === "" && !record.error;
    if (!blank) records.push(record);
    record = { line, fields: [] };
  };
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (inQuotes) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        inQuotes = false;
        afterQuote = true;
      } else {
        if (char === "\n") line++;
        field += char;
      }
      continue;
    }
    if (char === ",") {
      endField();
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && source[i + 1] === "\n") i++;
      line++;
      endRecord();
    } else if (char === '"') {
      if (field === "" && !quoted) {
        quoted = inQuotes = true;
      } else {
        fail(`field ${record.fields.length + 1}: a quote may only open a field or be doubled inside quotes`);
        field += char;
      }
    } else {
      if (afterQuote) fail(`field ${record.fields.length + 1}: text after the closing quote`);
      field += char;
    }
  }
  if (inQuotes) fail(`field ${record.fields.length + 1}: the quote opened here is never closed`);
  if (field !== "" || quoted || record.fields.length > 0 || record.error) endRecord();
  return records;
}
