"use client";

import { useState } from "react";

/** Copies a value to the clipboard; says so for two seconds. Falls back to selecting nothing. */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2000);
  }
  const text = { idle: label, copied: "Copied", failed: "Copy failed: select and copy" }[state];
  return (
    <button type="button" className="btn btn-sm" onClick={copy} aria-live="polite">
      {text}
    </button>
  );
}
