/** The account map webview's page and the one message it may send; no vscode import, so tests can load it. */

export interface RevealRequest {
  readonly start: number;
  readonly end: number;
}

/** Accepts only `{type: 'reveal', start, end}` with whole offsets inside the document; anything else is ignored. */
export function parseRevealMessage(message: unknown, textLength: number): RevealRequest | undefined {
  if (typeof message !== 'object' || message === null || !('type' in message) || !('start' in message) || !('end' in message)) return undefined;
  const { type, start, end } = message;
  if (type !== 'reveal' || typeof start !== 'number' || typeof end !== 'number') return undefined;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return undefined;
  return start >= 0 && start <= end && end <= textLength ? { start, end } : undefined;
}

/** The page: the SVG (or a note) in a container the script refreshes from `{type: 'render', body}` messages. */
export function accountMapHtml(body: string, nonce: string): string {
  // Nothing is loaded: the SVG is inline, and only styles and the script carrying the nonce run.
  const csp = [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<style nonce="${nonce}">
body { color: var(--vscode-editor-foreground); background: var(--vscode-editor-background); }
.note { font-family: var(--vscode-font-family); opacity: 0.8; }
</style>
</head>
<body>
<div id="map">${body}</div>
<script nonce="${nonce}">
(function () {
  const vscode = acquireVsCodeApi();
  const container = document.getElementById('map');
  window.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'render' && typeof event.data.body === 'string') container.innerHTML = event.data.body;
  });
  container.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-start]') : null;
    if (!target) return;
    vscode.postMessage({ type: 'reveal', start: Number(target.getAttribute('data-start')), end: Number(target.getAttribute('data-end')) });
  });
})();
</script>
</body>
</html>
`;
}

/** A note shown instead of a map, escaped for HTML. */
export function noteHtml(text: string): string {
  return `<p class="note">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`;
}
