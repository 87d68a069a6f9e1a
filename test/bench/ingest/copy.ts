/**
 * `COPY ... FROM STDIN` through pg without pg-copy-streams: a minimal submittable that pg's
 * client drives like any query (it sends the data once the server asks for it).
 */
import type { Client } from "pg";

class CopyFrom {
  private error: Error | undefined;
  rowCount = 0;
  constructor(
    readonly text: string,
    private readonly chunks: readonly Buffer[],
    private readonly done: (error: Error | undefined, rows: number) => void,
  ) {}
  submit(connection: { query(text: string): void }): void {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void }): void {
    for (const chunk of this.chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }
  handleCommandComplete(message: { text: string }): void {
    this.rowCount = Number(message.text.split(" ").pop());
  }
  handleError(error: Error): void {
    this.error = error;
  }
  handleReadyForQuery(): void {
    this.done(this.error, this.rowCount);
  }
}

export function copyFrom(client: Client, sql: string, chunks: readonly Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    client.query(new CopyFrom(sql, chunks, (error, rows) => (error ? reject(error) : resolve(rows))) as never);
  });
}

/** One value in COPY text format. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  return String(value).replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
}
