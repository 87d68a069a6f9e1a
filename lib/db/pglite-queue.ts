import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * PGlite is one Postgres session shared by every socket connection. pglite-socket 0.2 queues
 * each protocol message on its own, so another connection's Parse can land between this one's
 * Parse and Bind (the unnamed statement is shared: "bind message supplies 49 parameters, but
 * prepared statement "" requires 1"), and after a message throws its queue stops for good.
 * This replaces its scheduler: a connection keeps the session from the first message of an
 * extended-query sequence until its Sync, and for as long as its transaction is open.
 */
interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
  onData: (data: Uint8Array) => void;
}

interface QueueInternals {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

// Frontend messages that belong to an unfinished sequence: Parse, Bind, Describe, Execute,
// Close, Flush and CopyData. Sync ('S'), Query ('Q') and the startup packet end one.
const SEQUENCE_CONTINUES = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48, 0x64]);

export function serialiseSequences(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueueInternals }).queryQueue;
  let owner: number | null = null;

  queue.processQueue = async function processQueue(this: QueueInternals) {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const index = owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === owner);
        if (index === -1) break; // the owner's next message has not arrived yet
        const [item] = this.queue.splice(index, 1) as [QueuedMessage];
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          owner = this.db.isInTransaction() ? item.handlerId : null;
          item.reject(error);
          continue;
        }
        const continues = SEQUENCE_CONTINUES.has(item.message[0] ?? 0);
        owner = continues || this.db.isInTransaction() ? item.handlerId : null;
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  // A connection that closes mid-transaction or mid-sequence must not keep the session.
  queue.clearTransactionIfNeeded = async function clearTransactionIfNeeded(this: QueueInternals, handlerId: number) {
    if (owner !== handlerId) return;
    owner = null;
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    await this.processQueue();
  };
}
