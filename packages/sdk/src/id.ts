const B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const cryptoApi = (globalThis as { crypto?: { getRandomValues(a: Uint8Array): Uint8Array } }).crypto;
let pool = new Uint8Array(0);
let pos = 0;
let lastMs = -1;
let prefix = "";
let iso = "";

function refill(): void {
  pool = new Uint8Array(4096);
  if (cryptoApi) cryptoApi.getRandomValues(pool);
  else for (let i = 0; i < pool.length; i++) pool[i] = (Math.random() * 256) | 0;
  pos = 0;
}

function tick(ms: number): void {
  lastMs = ms;
  iso = new Date(ms).toISOString();
  prefix = "";
  for (let i = 0, t = ms; i < 10; i++, t = Math.floor(t / 32)) prefix = B32[t % 32] + prefix;
}

/** ULID: 48-bit millisecond time + 80 random bits, Crockford base32, sorts by time. */
export function newId(ms: number): string {
  if (ms !== lastMs) tick(ms);
  if (pos + 16 > pool.length) refill();
  let s = prefix;
  for (let i = 0; i < 16; i++) s += B32[pool[pos++]! & 31];
  return s;
}

/** ISO timestamp of ms, cached for the current millisecond. */
export function isoAt(ms: number): string {
  if (ms !== lastMs) tick(ms);
  return iso;
}
