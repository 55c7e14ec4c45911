import type { ReportSource } from '../model/index.js';
import { htmlChunks } from './html-stream.js';
import { markdownChunks } from './markdown.js';

async function joined(chunks: AsyncIterable<string>): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.join('');
}

/**
 * The worker's e-mail and webhook texts, read from a streamed report: the Markdown digest (one
 * pass, bounded by its length) and the HTML page listing every link, as `renderHtml` writes it
 * (several passes; the worker asks for it only for reports it bounds, see src/delivery).
 */
export const digestRenderers = {
  renderMarkdown: (source: ReportSource): Promise<string> => joined(markdownChunks(source)),
  renderHtml: (source: ReportSource): Promise<string> =>
    joined(htmlChunks(source, { maxOkLinks: Number.POSITIVE_INFINITY })),
};
