import type { ReportLink, ReportSource } from '../model/index.js';
import { type LinkRows, type RowContext, rowText } from './link-rows.js';

/**
 * The JSON report as a stream of chunks, byte for byte what `JSON.stringify(report, null, 2)`
 * plus a final newline gives for the same report: the head's fields in their order, `links`
 * after `summary` (as the contract lists them), one link at a time. Only one link is ever
 * serialised at once, so the size of the report is bounded by the disk, not the heap.
 */
export async function* jsonChunks(source: ReportSource, rows?: LinkRows): AsyncGenerator<string> {
  yield '{';
  let first = true;
  let linksDone = false;
  const field = (key: string, value: unknown): string | null => {
    const text = JSON.stringify(value, null, 2);
    // JSON.stringify drops undefined (and function) fields: so do we.
    if (text === undefined) return null;
    const out = `${first ? '' : ','}\n  ${JSON.stringify(key)}: ${indent(text, '  ')}`;
    first = false;
    return out;
  };
  for (const [key, value] of Object.entries(source.head)) {
    if (key === 'links') continue;
    const text = field(key, value);
    if (text !== null) yield text;
    if (key === 'summary') {
      yield* linksArray(source, first, rows);
      first = false;
      linksDone = true;
    }
  }
  if (!linksDone) {
    yield* linksArray(source, first, rows);
    first = false;
  }
  yield '\n}\n';
}

/** What `JSON.stringify([[x]], null, 2)` puts around x. */
const NESTED_HEAD = '[\n  [\n    ';
const NESTED_TAIL = '\n  ]\n]';

/** A link as it sits in the report's `links` array, four spaces in. */
export const JSON_LINK: RowContext<string> = {
  render(link: ReportLink): string {
    // Inside two arrays, JSON.stringify lays the link out four spaces in, as it sits in the
    // report: no second pass over its text to indent it.
    const text = JSON.stringify([[link]], null, 2);
    return text.slice(NESTED_HEAD.length, -NESTED_TAIL.length);
  },
};

async function* linksArray(
  source: ReportSource,
  first: boolean,
  rows: LinkRows | undefined,
): AsyncGenerator<string> {
  yield `${first ? '' : ','}\n  "links": [`;
  let any = false;
  for await (const link of source.links()) {
    yield `${any ? ',' : ''}\n    ${rowText(rows, JSON_LINK, link)}`;
    any = true;
  }
  yield any ? '\n  ]' : ']';
}

const LINE_FEEDS = /\n/g;

/**
 * Indents every line but the first. A newline in JSON text is always layout: newlines inside
 * strings are escaped as `\n`, so no string value is altered.
 */
function indent(text: string, by: string): string {
  return text.includes('\n') ? text.replace(LINE_FEEDS, `\n${by}`) : text;
}
