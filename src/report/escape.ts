// biome-ignore-all lint/suspicious/noControlCharactersInRegex: this file exists to match control characters
/**
 * Escaping for untrusted text (titles, URLs, reasons come from servers nobody here controls).
 * One function per output context; each renderer uses only the ones for its own format.
 */

// ---------------------------------------------------------------- terminal

/**
 * ANSI/VT escape sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC strings (ESC ] ... BEL or
 * ESC \), their 8-bit C1 forms (0x9b CSI, 0x9d OSC, 0x90 DCS ...), and two-byte ESC sequences.
 */
const ANSI_SEQUENCE =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -/]*[0-~]?/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Bidirectional overrides/isolates can reorder what a terminal or editor shows. */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const MULTIPLE_SPACES = / {2,}/g;

/**
 * Text safe to print on a terminal: escape sequences removed whole, every other control
 * character (newlines and tabs included) turned into a space, bidi controls removed.
 */
export function terminalSafe(text: string): string {
  return text
    .replace(ANSI_SEQUENCE, '')
    .replace(CONTROL, ' ')
    .replace(BIDI_CONTROL, '')
    .replace(MULTIPLE_SPACES, ' ')
    .trim();
}

/** Control characters (and escape sequences) out, for formats where they are never wanted. */
export function stripControls(text: string): string {
  return text.replace(ANSI_SEQUENCE, '').replace(CONTROL, ' ');
}

// ---------------------------------------------------------------- HTML

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

const HTML_SPECIAL_CHARS = /[&<>"'`]/g;

/** Escapes text for HTML element content and for quoted attribute values. */
export function escapeHtml(text: string): string {
  return stripControls(text).replace(HTML_SPECIAL_CHARS, (c) => HTML_ESCAPES[c] ?? c);
}

const SPACE_OR_CONTROL = /[\u0000-\u0020\u007f-\u009f]/;
const HTTP_SCHEME = /^https?:\/\//i;

/**
 * The URL itself when it is an absolute http(s) URL that can safely go in an href, else null
 * (javascript:, data:, relative and unparsable URLs are never made links).
 */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  // Browsers drop tabs/newlines inside URLs ("java\nscript:"); refuse anything with controls.
  if (SPACE_OR_CONTROL.test(url)) return null;
  if (!HTTP_SCHEME.test(url)) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return parsed.href;
  } catch {
    return null;
  }
}

/** A link when the URL is safe, otherwise the URL as plain (escaped) text. */
export function htmlLink(url: string | null | undefined, text?: string): string {
  if (!url) return '';
  const href = safeHttpUrl(url);
  const label = escapeHtml(text ?? url);
  if (!href) return `<span class="url">${label}</span>`;
  return `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">${label}</a>`;
}

const LESS_THAN = /</g;
const GREATER_THAN = />/g;
const AMPERSAND = /&/g;
const LINE_SEPARATOR = /\u2028/g;
const PARAGRAPH_SEPARATOR = /\u2029/g;

/**
 * JSON to put inside a <script> element: `<`, `>` and `&` as \u escapes so no `</script>` or
 * `<!--` can end or change the element; U+2028/U+2029 escaped for old JavaScript parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(LESS_THAN, '\\u003c')
    .replace(GREATER_THAN, '\\u003e')
    .replace(AMPERSAND, '\\u0026')
    .replace(LINE_SEPARATOR, '\\u2028')
    .replace(PARAGRAPH_SEPARATOR, '\\u2029');
}

// ---------------------------------------------------------------- Markdown

/**
 * A URL inside free text (a server's message, a title): a scheme and `//`, or `www.`, up to the
 * first space, quote, backtick or angle bracket. Trailing sentence punctuation is cut off after.
 */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"'`]+|(?<![\p{L}\p{N}_.-])www\.[^\s<>"'`]+/giu;

/**
 * Text for a Markdown paragraph, list item or table cell, rendered literally by CommonMark and
 * GitHub: every ASCII punctuation with a Markdown meaning is backslash-escaped (links, images,
 * emphasis, code, HTML, entities, tables, math), and @mentions / #123 references get a
 * zero-width joiner so GitHub does not notify anyone or link an issue. Newlines become spaces
 * so a row stays a row.
 *
 * A URL inside the text is shown as itself, never altered: as an autolink `<...>` when it is a
 * plain http(s) URL (a link whose text is its own target), else as a code span. Copied from the
 * rendered digest, it is the URL the server sent (no invisible joiner inside it).
 */
export function markdownText(text: string): string {
  const clean = terminalSafe(text);
  let out = '';
  let last = 0;
  for (const match of clean.matchAll(URL_IN_TEXT)) {
    const url = trimUrlEnd(match[0]);
    const at = match.index ?? 0;
    out += markdownProse(clean.slice(last, at)) + markdownUrl(url);
    last = at + url.length;
  }
  return out + markdownProse(clean.slice(last));
}

const MARKDOWN_SPECIAL_CHARS = /[\\`*_{}[\]()#!|<>~&$]/g;
const MENTION_AT = /@(?=[\p{L}\p{N}_-])/gu;
const ISSUE_HASH = /#(?=\d)/g;

/** Text known to hold no URL (see markdownText). */
function markdownProse(text: string): string {
  return text
    .replace(MARKDOWN_SPECIAL_CHARS, '\\$&')
    .replace(MENTION_AT, '@\u200d')
    .replace(ISSUE_HASH, '#\u200d');
}

/**
 * A URL found in prose without the sentence around it: trailing `.,;:!?` and closing brackets
 * that close nothing opened inside the URL ("(see https://x.test/a)" keeps its parenthesis out;
 * "https://x.test/Foo_(bar)" keeps its own).
 */
function trimUrlEnd(url: string): string {
  let end = url.length;
  for (;;) {
    const c = url[end - 1];
    if (c === undefined) break;
    if ('.,;:!?*_~'.includes(c)) {
      end--;
      continue;
    }
    const open = CLOSERS[c];
    if (open) {
      const body = url.slice(0, end);
      const opens = body.split(open).length - 1;
      const closes = body.split(c).length - 1;
      if (closes > opens) {
        end--;
        continue;
      }
    }
    break;
  }
  return url.slice(0, end);
}
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

const BACKTICK_RUNS = /`+/g;

/**
 * A Markdown code span holding `text` verbatim: the fence is one backtick longer than the
 * longest backtick run inside, padded with spaces when the text starts or ends with one.
 */
export function markdownCode(text: string): string {
  const clean = terminalSafe(text);
  if (clean === '') return '` `';
  const longest = Math.max(0, ...(clean.match(BACKTICK_RUNS) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') || clean.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

const PLAIN_HTTP_URL = /^https?:\/\/[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+$/;

/**
 * An http(s) URL as a CommonMark autolink `<...>` when it is made only of plain URL characters
 * (no spaces, controls, quotes, backslash, backtick, `<>` or `[]()`, so no renderer can read
 * it as anything but one link showing itself); any other URL is shown as a code span, never as
 * a link with hidden text.
 */
export function markdownUrl(url: string): string {
  const href = safeHttpUrl(url);
  if (href && href === url && PLAIN_HTTP_URL.test(url)) {
    return `<${url}>`;
  }
  return markdownCode(url);
}

// ---------------------------------------------------------------- CSV

const CSV_CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const FORMULA_START = /^[ ]*[=+\-@\t\r\n]/;
const CSV_SPECIAL_CHARS = /[",\r\n]/;
const DOUBLE_QUOTES = /"/g;

/**
 * One RFC 4180 field: quoted when it contains a comma, quote, CR or LF; cells a spreadsheet
 * would read as a formula (leading = + - @ tab CR, also after leading spaces) get a `'` prefix.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string') {
    text = text.replace(CSV_CONTROL_CHARS, '');
    if (FORMULA_START.test(text)) text = `'${text}`;
  }
  return CSV_SPECIAL_CHARS.test(text) ? `"${text.replace(DOUBLE_QUOTES, '""')}"` : text;
}

// ---------------------------------------------------------------- XML

const XML_INVALID_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const XML_SPECIAL_CHARS = /[&<>"']/g;
const CARRIAGE_RETURNS = /\r/g;
const LINE_FEEDS = /\n/g;
const TABS = /\t/g;

/**
 * Escapes text for XML 1.0 content and attributes, dropping terminal escape sequences and the
 * characters XML cannot carry.
 */
export function escapeXml(text: string): string {
  return (
    text
      .replace(ANSI_SEQUENCE, '')
      .replace(XML_INVALID_CHARS, '')
      .replace(LONE_SURROGATES, '')
      .replace(XML_SPECIAL_CHARS, (c) => XML_ESCAPES[c] ?? c)
      // Attribute values are normalised by parsers: keep line breaks as character references.
      .replace(CARRIAGE_RETURNS, '&#13;')
      .replace(LINE_FEEDS, '&#10;')
      .replace(TABS, '&#9;')
  );
}
const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

// ---------------------------------------------------------------- GitHub workflow commands

const PERCENT_SIGNS = /%/g;

/** Message part of a workflow command (`::error ...::MESSAGE`): % CR LF encoded. */
export function githubData(text: string): string {
  return stripAnsiOnly(text)
    .replace(PERCENT_SIGNS, '%25')
    .replace(CARRIAGE_RETURNS, '%0D')
    .replace(LINE_FEEDS, '%0A');
}

const COLONS = /:/g;
const COMMAS = /,/g;

/** A property value of a workflow command (`file=`, `title=`): also `:` and `,` encoded. */
export function githubProperty(text: string): string {
  return githubData(text).replace(COLONS, '%3A').replace(COMMAS, '%2C');
}

const CONTROL_CHARS_EXCEPT_LF = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Escape sequences out, other controls to spaces, but CR/LF kept for githubData to encode. */
function stripAnsiOnly(text: string): string {
  return text.replace(ANSI_SEQUENCE, '').replace(CONTROL_CHARS_EXCEPT_LF, ' ');
}
