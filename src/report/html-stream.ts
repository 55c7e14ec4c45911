import { messagesOf } from '../i18n/index.js';
import type { ReportSource } from '../model/index.js';
import { jsonForScript } from './escape.js';
import { htmlPage, pageGroup } from './html.js';
import { tableRow } from './html-row.js';
import { DEFAULT_HTML_MAX_OK_LINKS, type PageView, pageViewBuilder } from './html-summary.js';
import { withLinks } from './source.js';
import { rowsOfLink } from './view.js';

export interface HtmlChunkOptions {
  /** Quiet links (ok, skipped) listed one by one at most; above, they are summarised. */
  maxOkLinks?: number;
  /** The files beside the page the summary points to (`latest.csv` when written). */
  files?: { csv: string | null; json: string };
}

/** Rows written per chunk: small writes cost more than they carry. */
const ROWS_PER_CHUNK = 256;

/**
 * The HTML page, read from a stream of links in passes and never holding them: one pass
 * works out the view (counts, filter values, what is summarised), then one per table group
 * present writes the table in the page's order (work first, by status, then URL), then one writes the
 * embedded JSON (the head and the links the table lists). For a report under the limit the page
 * is exactly `renderHtml`'s.
 */
export async function* htmlChunks(
  source: ReportSource,
  opts: HtmlChunkOptions = {},
): AsyncGenerator<string> {
  const { head } = source;
  const limit = opts.maxOkLinks ?? DEFAULT_HTML_MAX_OK_LINKS;
  const builder = pageViewBuilder(head, limit, pageGroup);
  for await (const link of source.links()) builder.add(link);
  const view = builder.done();
  const [top, middle, bottom] = htmlPage(withLinks(head, []), view, opts.files);
  yield top;
  let first = true;
  for (const group of [...view.groups].sort((a, b) => a - b)) {
    for await (const rows of rowPass(source, view, group)) {
      yield `${first ? '' : '\n'}${rows.join('\n')}`;
      first = false;
    }
  }
  yield middle;
  yield* dataChunks(source, view);
  yield bottom;
}

async function* rowPass(
  source: ReportSource,
  view: PageView,
  group: number,
): AsyncGenerator<string[]> {
  const asOf = source.head.run.startedAt;
  const m = messagesOf(source.head);
  let rows: string[] = [];
  for await (const link of source.links()) {
    if (pageGroup(link) !== group || !view.listed(link)) continue;
    for (const row of rowsOfLink(link)) rows.push(tableRow(row, view.changeOf(link), asOf, m));
    if (rows.length >= ROWS_PER_CHUNK) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}

/**
 * `jsonForScript(report)` written piece by piece, with only the links the table lists: the key
 * order of the report, `links` after `summary`. Escaping is per character, so escaping the
 * pieces is escaping the whole.
 */
async function* dataChunks(source: ReportSource, view: PageView): AsyncGenerator<string> {
  const entries = Object.entries(withLinks(source.head, [])).filter(([, v]) => v !== undefined);
  let sep = '{';
  for (const [key, value] of entries) {
    if (key !== 'links') {
      yield `${sep}${jsonForScript(key)}:${jsonForScript(value)}`;
    } else {
      yield `${sep}${jsonForScript(key)}:[`;
      let comma = '';
      let batch: string[] = [];
      for await (const link of source.links()) {
        if (!view.listed(link)) continue;
        batch.push(`${comma}${jsonForScript(link)}`);
        comma = ',';
        if (batch.length >= ROWS_PER_CHUNK) {
          yield batch.join('');
          batch = [];
        }
      }
      yield `${batch.join('')}]`;
    }
    sep = ',';
  }
  yield sep === '{' ? '{}' : '}';
}
