import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountMapHtml, noteHtml, parseRevealMessage } from '../../src/vscode/mapProtocol';

describe('account map webview protocol', () => {
  it('accepts only {type: reveal, start, end} with whole offsets inside the document', () => {
    assert.deepEqual(parseRevealMessage({ type: 'reveal', start: 3, end: 9 }, 10), { start: 3, end: 9 });
    assert.deepEqual(parseRevealMessage({ type: 'reveal', start: 0, end: 10, extra: 'ignored' }, 10), { start: 0, end: 10 });
    for (const message of [
      undefined, null, 'reveal', 42, [], {},
      { type: 'open', start: 1, end: 2 },
      { type: 'reveal', start: '1', end: 2 },
      { type: 'reveal', start: 1 },
      { type: 'reveal', start: 1.5, end: 2 },
      { type: 'reveal', start: -1, end: 2 },
      { type: 'reveal', start: 5, end: 4 },
      { type: 'reveal', start: 1, end: 11 },
      { type: 'reveal', start: Number.NaN, end: 2 },
    ]) assert.equal(parseRevealMessage(message, 10), undefined, JSON.stringify(message));
  });

  it('the page loads nothing and runs only what carries its nonce', () => {
    const html = accountMapHtml('<svg></svg>', 'abc123');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    assert.equal(csp, "default-src 'none'; style-src 'nonce-abc123'; script-src 'nonce-abc123'");
    assert.doesNotMatch(html, /\b(src|href)=/);
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /<script nonce="abc123">/);
    assert.match(html, /<style nonce="abc123">/);
  });

  it('notes are escaped', () => {
    assert.equal(noteHtml('<b>&'), '<p class="note">&lt;b&gt;&amp;</p>');
  });
});
