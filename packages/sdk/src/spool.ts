import { promises as fs } from "node:fs";
import { join } from "node:path";
import { ascii } from "./events.js";
import { newId } from "./id.js";

/** Serialised events sent together; `id` names the batch in the spool file. */
export interface Batch {
  id: string;
  items: string[];
  /** When its oldest event was tracked (ms): retries stop at maxEventAgeMs after it. */
  bornAt: number;
  /** true: in the spool file until the server acknowledges it; false: writing it failed (not tried again). */
  spooled?: boolean;
}

export interface Spool {
  /** Writes the batch to disk; rejects when the file would pass maxBytes. */
  append(batch: Batch): Promise<void>;
  ack(batch: Batch): Promise<void>;
  /** Closes the file, and removes it when nothing in it is left to deliver. */
  close(): Promise<void>;
}

type Handle = Awaited<ReturnType<typeof fs.open>>;

const FILE = /^(\d+)-[0-9A-Z]{26}\.spool$/;
// The spool files of this process's clients (one registry even when the ESM and the CJS build are
// both loaded): a second client on the same folder must not adopt a file the first is writing.
const liveFiles: Set<string> = ((globalThis as Record<symbol, Set<string> | undefined>)[
  Symbol.for("inferledger.spoolFiles")
] ??= new Set());
const record = (batch: Batch): string => `{"b":"${batch.id}","t":${batch.bornAt},"e":[${batch.items.join(",")}]}\n`;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM";
  }
}

/** The batches of a spool file that were never acknowledged; lines torn by a crash are skipped. */
function unacknowledged(text: string): Batch[] {
  const batches = new Map<string, Batch>();
  for (const line of text.split("\n")) {
    let rec: { a?: string; b?: string; t?: number; e?: unknown[] };
    try {
      rec = JSON.parse(line);
    } catch {
      continue;
    }
    if (rec.a) batches.delete(rec.a);
    else if (rec.b && Array.isArray(rec.e)) {
      batches.set(rec.b, {
        id: rec.b,
        bornAt: rec.t ?? Date.now(),
        items: rec.e.map((x) => ascii(JSON.stringify(x))),
        spooled: true,
      });
    }
  }
  return [...batches.values()];
}

/**
 * A folder of spool files, one per process (`<pid>-<ulid>.spool`), each append-only JSON lines:
 * `{"b":id,"t":bornAt,"e":[events]}` when a batch is kept, `{"a":id}` once the server acknowledged
 * it. At start, the files of processes that are no longer running are adopted: renamed (atomic,
 * so two starting processes never both take one) to a name of this process, copied into its own
 * file and removed. A crash at any step leaves the batches in some file: replayed, never lost
 * (at worst twice, which the server's event_id deduplication absorbs).
 */
export async function openSpool(dir: string, maxBytes: number): Promise<{ spool: Spool; replay: Batch[] }> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const name = () => join(dir, `${process.pid}-${newId(Date.now())}.spool`);
  const own = name();
  liveFiles.add(own);
  const open = new Set<string>();
  let handle: Handle | undefined;
  let bytes = 0;
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(op: () => Promise<T>): Promise<T> => {
    const p = chain.then(op);
    chain = p.catch(() => {});
    return p;
  };
  const write = async (text: string): Promise<void> => {
    handle ??= await fs.open(own, "a", 0o600);
    await handle.write(text);
    bytes += text.length; // spooled events are ASCII JSON
  };

  const adopted: Batch[] = [];
  for (const file of await fs.readdir(dir)) {
    const match = FILE.exec(file);
    const path = join(dir, file);
    // A file of a running process is its own; one with this process id but no client of ours is a
    // previous process that had the same id (a restarted container).
    if (!match || liveFiles.has(path) || (Number(match[1]) !== process.pid && isRunning(Number(match[1])))) continue;
    const claimed = name();
    liveFiles.add(claimed);
    try {
      await fs.rename(path, claimed);
    } catch {
      continue; // another process adopted it first
    }
    const batches = unacknowledged(await fs.readFile(claimed, "utf8"));
    if (batches.length) await write(batches.map(record).join(""));
    for (const batch of batches) open.add(batch.id);
    adopted.push(...batches);
    await fs.rm(claimed, { force: true });
    liveFiles.delete(claimed);
  }

  const spool: Spool = {
    append: (batch) =>
      serial(async () => {
        const text = record(batch);
        if (bytes + text.length > maxBytes) throw new Error(`spool full (maxSpoolBytes ${maxBytes})`);
        await write(text);
        open.add(batch.id);
      }),
    ack: (batch) =>
      serial(async () => {
        if (!open.delete(batch.id)) return;
        if (open.size) return write(`{"a":"${batch.id}"}\n`);
        // Nothing left to replay: start the file afresh instead of growing it forever.
        await handle?.truncate(0);
        bytes = 0;
      }),
    close: () =>
      serial(async () => {
        await handle?.close();
        handle = undefined;
        if (!open.size) await fs.rm(own, { force: true });
        liveFiles.delete(own);
      }),
  };
  return { spool, replay: adopted };
}
