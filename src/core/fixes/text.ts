/** Small helpers over raw text shared by the renderers. */

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the line break (`\r\n` or `\n`) that ends the line holding `offset`, or the text's end. */
export function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline < 0) return text.length;
  return newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline;
}

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** The `# comment` that follows `offset` on its line, without the `#`. */
export function trailingComment(text: string, offset: number): string | undefined {
  const rest = text.slice(offset, lineEnd(text, offset));
  const match = /^\s+#\s?(.*)$/.exec(rest);
  return match ? match[1] : undefined;
}
