/**
 * Text PostgreSQL can store: no NUL character (text and jsonb refuse it) and well-formed UTF-16
 * (a lone surrogate breaks the jsonb cast, and in a text column is silently replaced). Checked
 * at the boundary so that such a value is an input error naming its field, never a failed
 * statement.
 */
import type { z } from "zod";

export function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return "must not contain NUL (\\u0000) characters";
  if (!text.isWellFormed()) return "must be valid Unicode (it holds a lone UTF-16 surrogate)";
  return null;
}

/** The string schema, refusing text PostgreSQL cannot store. */
export function storableText<S extends z.ZodString>(schema: S) {
  return schema.superRefine((text, ctx) => {
    const problem = textProblem(text);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

interface UnstorableText {
  path: (string | number)[];
  problem: string;
}

interface Visit {
  value: unknown;
  key: string | number;
  parent: Visit | null;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * The path and problem of the first unstorable string (key or value) in a JSON value, or null.
 * Iterative, with parent links instead of path copies, so a deeply nested body costs linear time
 * and cannot overflow the stack.
 */
export function findUnstorableText(root: unknown): UnstorableText | null {
  const stack: Visit[] = [{ value: root, key: "", parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value } = visit;
    if (typeof value === "string") {
      const problem = textProblem(value);
      if (problem) return { path: pathOf(visit), problem };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: visit });
    } else if (typeof value === "object" && value !== null) {
      const entries = Object.entries(value);
      for (const [key] of entries) {
        const problem = textProblem(key);
        if (problem) return { path: [...pathOf(visit), key], problem: `key ${problem}` };
      }
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push({ value: entries[i]![1], key: entries[i]![0], parent: visit });
    }
  }
  return null;
}
