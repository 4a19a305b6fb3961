import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, jsonForScript, scriptSafe } from '../../runner/system/escape.ts';

test('escapeHtml neutralises markup and attribute quotes', () => {
  assert.equal(escapeHtml(`<img src=x onerror="alert('1')">&`), '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
});

test('jsonForScript cannot close its script element and parses back to the same value', () => {
  const value = { name: '</script><script>alert(1)</script><!--', sep: '\u2028\u2029', amp: 'a&b' };
  const text = jsonForScript(value);
  assert.doesNotMatch(text, /<\/script|<!--|[<>&\u2028\u2029]/i);
  assert.deepEqual(JSON.parse(text), value);
});

test('scriptSafe rewrites end tags and comment openers inside inlined code, keeping its meaning', () => {
  const code = 'var a = "</script>"; var b = "<!--"; var c = /<\\/SCRIPT>/;';
  const safe = scriptSafe(code);
  assert.doesNotMatch(safe, /<\/script|<!--/i);
  const run = (source: string) => new Function(`${source}; return [a, b, c.source];`)() as string[];
  assert.deepEqual(run(safe), run(code));
});
