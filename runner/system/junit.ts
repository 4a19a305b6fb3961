/**
 * The one JUnit XML writer (the format CI systems render): one testsuite of testcases, each
 * passing with its output or failing with a message. `check` and `safety` describe their cases;
 * the XML, its escaping and the counts are made here.
 */
import { escapeXml } from './escape.ts';

export interface JunitCase {
  classname: string;
  name: string;
  /** Present when the case fails: the failure's one-line message, its type and the full text. */
  failure?: { message: string; type: string; text: string };
  /** A passing case's output. */
  output?: string;
}

export function renderJunitSuite(suite: string, cases: readonly JunitCase[]): string {
  const lines = cases.map((c) => {
    const open = `  <testcase classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}" time="0">`;
    const body = c.failure
      ? `<failure message="${escapeXml(c.failure.message)}" type="${escapeXml(c.failure.type)}">${escapeXml(c.failure.text)}</failure>`
      : `<system-out>${escapeXml(c.output ?? '')}</system-out>`;
    return `${open}\n    ${body}\n  </testcase>`;
  });
  const failures = cases.filter((c) => c.failure).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="${escapeXml(suite)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`,
    ...lines,
    '</testsuite>',
    '',
  ].join('\n');
}
