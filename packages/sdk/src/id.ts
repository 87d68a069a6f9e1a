const B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const cryptoApi = (globalThis as { crypto?: { getRandomValues(a: Uint8Array): Uint8Array } }).crypto;
let chars = ""; // random base32 characters, 16 taken per id
let pos = 0;
let lastMs = -1;
let prefix = "";
let iso = "";

/** 4096 random characters in one string: an id takes a 16-character slice instead of 16 concatenations. */
function refill(): void {
  const pool = new Uint8Array(4096);
  if (cryptoApi) cryptoApi.getRandomValues(pool);
  else for (let i = 0; i < pool.length; i++) pool[i] = (Math.random() * 256) | 0;
  for (let i = 0; i < pool.length; i++) pool[i] = B32.charCodeAt(pool[i]! & 31);
  chars = String.fromCharCode.apply(null, pool as unknown as number[]);
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
  if (pos + 16 > chars.length) refill();
  return prefix + chars.slice(pos, (pos += 16));
}

/** ISO timestamp of ms, cached for the current millisecond. */
export function isoAt(ms: number): string {
  if (ms !== lastMs) tick(ms);
  return iso;
}
