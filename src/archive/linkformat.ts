/**
 * RFC 6690 link-format as used by RFC 7089 Memento TimeMaps:
 *   <http://a.example/web/20010101000000/http://x/>; rel="first memento"; datetime="Mon, 01 Jan 2001 00:00:00 GMT",
 * Commas separate links but also appear inside <...> and quoted values, so this is a small
 * tokenizer rather than a split. Pure; never throws.
 */

export interface Link {
  uri: string;
  /** Lower-cased parameter names; quotes removed. */
  params: Record<string, string>;
}

const WHITESPACE = /\s/;
const LINK_PARAM_NAME = /^\s*([A-Za-z0-9_.*-]+)\s*(=)?\s*/;
const LINK_PARAM_BARE_VALUE = /^[^;,]*/;

export function parseLinkFormat(text: string): Link[] {
  const links: Link[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const open = text.indexOf('<', i);
    if (open < 0) break;
    const close = text.indexOf('>', open + 1);
    if (close < 0) break;
    const link: Link = { uri: text.slice(open + 1, close).trim(), params: {} };
    i = close + 1;
    // Parameters until the next top-level comma.
    while (i < n) {
      while (i < n && WHITESPACE.test(text[i]!)) i++;
      if (text[i] === ',') {
        i++;
        break;
      }
      if (text[i] !== ';') {
        // Garbage between links: skip to the next link.
        const next = text.indexOf('<', i);
        i = next < 0 ? n : next;
        break;
      }
      i++;
      const eq = LINK_PARAM_NAME.exec(text.slice(i));
      if (!eq) continue;
      const name = eq[1]!.toLowerCase();
      i += eq[0].length;
      let value = '';
      if (eq[2]) {
        if (text[i] === '"') {
          const end = text.indexOf('"', i + 1);
          value = text.slice(i + 1, end < 0 ? n : end);
          i = end < 0 ? n : end + 1;
        } else {
          const m = LINK_PARAM_BARE_VALUE.exec(text.slice(i))!;
          value = m[0].trim();
          i += m[0].length;
        }
      }
      if (!(name in link.params)) link.params[name] = value;
    }
    if (link.uri) links.push(link);
  }
  return links;
}

const WHITESPACE_RUN = /\s+/;

/** Mementos of a TimeMap: links whose rel list holds `memento` (also "first memento" etc.). */
export function mementosOf(
  links: Link[],
): { uri: string; datetimeMs: number; type: string | null }[] {
  const out: { uri: string; datetimeMs: number; type: string | null }[] = [];
  for (const l of links) {
    const rels = (l.params.rel ?? '').toLowerCase().split(WHITESPACE_RUN);
    if (!rels.includes('memento')) continue;
    const ms = Date.parse(l.params.datetime ?? '');
    if (Number.isNaN(ms)) continue;
    out.push({ uri: l.uri, datetimeMs: ms, type: l.params.type ?? null });
  }
  return out;
}
