/** Just enough MIME to read what nodemailer sends: headers, multipart/alternative, QP and base64. */
export interface ParsedMail {
  headers: Map<string, string>;
  subject: string;
  html: string;
  text: string;
}

function splitHead(raw: string): { headers: Map<string, string>; body: string } {
  const index = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, index).replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(index + 4) };
}

function decodeQp(text: string): string {
  const bytes: number[] = [];
  const clean = text.replace(/=\r\n/g, "");
  for (let i = 0; i < clean.length; i++) {
    if (clean[i] === "=" && /^[0-9A-F]{2}$/i.test(clean.slice(i + 1, i + 3))) {
      bytes.push(parseInt(clean.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(clean[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = (headers.get("content-transfer-encoding") ?? "").toLowerCase();
  if (encoding === "quoted-printable") return decodeQp(body);
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= and =?UTF-8?B?...?=). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
      kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQp(data.replace(/_/g, " ")),
    );
}

export function parseMail(raw: string): ParsedMail {
  const { headers, body } = splitHead(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get("content-type") ?? "")?.[1];
  let html = "";
  let text = "";
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1) : [raw];
  for (const part of parts) {
    const parsed = splitHead(part.replace(/^\r\n/, ""));
    const type = parsed.headers.get("content-type") ?? "";
    const content = decodeBody(parsed.headers, parsed.body.replace(/\r\n$/, ""));
    if (type.startsWith("text/html")) html = content;
    else if (type.startsWith("text/plain")) text = content.replace(/\r\n/g, "\n");
  }
  return { headers, subject: decodeWords(headers.get("subject") ?? ""), html, text };
}
