/** Durations for people: latencies in ms or s, GPU time in s, min or h. */

/** A latency: "840 ms", "1.84 s", "12.3 s", "2m 05s". Null (no data) reads "—". */
export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms < 1) return "<1 ms";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  return `${Math.floor(totalSeconds / 60)}m ${String(totalSeconds % 60).padStart(2, "0")}s`;
}

/** GPU time from seconds (a decimal string or number): "42 s", "12.5 min", "3.4 GPU-h". */
export function formatGpuTime(seconds: number | string): string {
  const s = typeof seconds === "string" ? Number(seconds) : seconds;
  if (!Number.isFinite(s) || s === 0) return "0 s";
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  if (s < 3600) return `${(s / 60).toFixed(1)} min`;
  const hours = s / 3600;
  return `${hours.toLocaleString("en-US", { maximumFractionDigits: hours < 100 ? 1 : 0 })} h`;
}
