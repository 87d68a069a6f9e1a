import { ascii } from "./events.js";

/** A batch of serialised events; `id` names it in the spool file. */
export interface Batch {
  id: string;
  items: string[];
}

export interface Spool {
  append(batch: Batch): Promise<void>;
  ack(id: string): Promise<void>;
  /** Every unacknowledged batch, after compacting the file down to them. */
  load(): Promise<Batch[]>;
}

interface Fs {
  appendFile(p: string, data: string): Promise<void>;
  writeFile(p: string, data: string): Promise<void>;
  readFile(p: string, enc: "utf8"): Promise<string>;
  rename(a: string, b: string): Promise<void>;
}

/**
 * Append-only JSON lines: `{"b":id,"e":[events]}` when a batch is formed, `{"a":id}` once the
 * server acknowledged it. Node only; fs is imported lazily so edge bundles never see it.
 */
export async function openSpool(path: string): Promise<Spool> {
  const spec = "node:fs/promises";
  const fs: Fs = await import(/* webpackIgnore: true */ spec);
  const open = new Set<string>();
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(op: () => Promise<T>): Promise<T> => {
    const p = chain.then(op);
    chain = p.catch(() => {});
    return p;
  };

  return {
    append: (b) =>
      serial(async () => {
        open.add(b.id);
        await fs.appendFile(path, `{"b":"${b.id}","e":[${b.items.join(",")}]}\n`);
      }),
    ack: (id) =>
      serial(async () => {
        if (!open.delete(id)) return;
        // Nothing left to replay: start the file afresh instead of growing it forever.
        await (open.size ? fs.appendFile(path, `{"a":"${id}"}\n`) : fs.writeFile(path, ""));
      }),
    load: () =>
      serial(async () => {
        let text = "";
        try {
          text = await fs.readFile(path, "utf8");
        } catch (e) {
          if ((e as { code?: string }).code !== "ENOENT") throw e;
        }
        const batches = new Map<string, Batch>();
        for (const line of text.split("\n")) {
          let rec: { a?: string; b?: string; e?: unknown[] };
          try {
            rec = JSON.parse(line);
          } catch {
            continue; // an empty line, or a line torn by a crash mid-write
          }
          if (rec.a) batches.delete(rec.a);
          else if (rec.b && rec.e) batches.set(rec.b, { id: rec.b, items: rec.e.map((x) => ascii(JSON.stringify(x))) });
        }
        const keep = [...batches.values()];
        for (const b of keep) open.add(b.id);
        const lines = [...batches.values()].map((b) => `{"b":"${b.id}","e":[${b.items.join(",")}]}\n`);
        await fs.writeFile(path + ".tmp", lines.join(""));
        await fs.rename(path + ".tmp", path);
        return keep;
      }),
  };
}
