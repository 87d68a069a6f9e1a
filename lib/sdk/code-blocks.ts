/** The fenced code blocks of a Markdown text in one language (```ts ... ```), in order. */
export function codeBlocks(markdown: string, language: string): string[] {
  const blocks: string[] = [];
  const fence = new RegExp("^```" + language + "\\s*\\n([\\s\\S]*?)^```\\s*$", "gm");
  for (const match of markdown.matchAll(fence)) blocks.push(match[1]!);
  return blocks;
}
