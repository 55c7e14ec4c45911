/**
 * CDX answers in the server's plain-text format: one capture per line, fields separated by
 * spaces. rotwatch asks for `output=json`, but a CDX server that does not know that option
 * (older OpenWayback-style servers a mirror may run) answers text, which was read as "not JSON"
 * and made the archive look down on every lookup. Pure.
 */

/** The field lists a text answer can have: ours (`fl` honoured), and the server's defaults. */
const LAYOUTS: Record<number, readonly string[]> = {
  // fl=timestamp,original,mimetype,statuscode,digest, as asked.
  5: ['timestamp', 'original', 'mimetype', 'statuscode', 'digest'],
  // The CDX server's default fields when `fl` is not honoured.
  7: ['urlkey', 'timestamp', 'original', 'mimetype', 'statuscode', 'digest', 'length'],
  // The 11-field CDX format of CDX files (redirect, robot flags, WARC offset and file).
  11: [
    'urlkey',
    'timestamp',
    'original',
    'mimetype',
    'statuscode',
    'digest',
    'redirect',
    'robotflags',
    'length',
    'offset',
    'filename',
  ],
};

const LINE_BREAK = /\r?\n/;
const SPACES = / +/;
const TIMESTAMP = /^\d{4,14}$/;

/**
 * The rows of a text CDX answer in the JSON answer's shape (a header row, then one row per
 * capture), or null when the text is not one. A capture line has one of the known field
 * counts and a timestamp where that layout puts it; the first such line sets the layout,
 * other lines are skipped, but they must be at most half the answer (an HTML error page is no
 * CDX answer). An empty text is no capture (`[]`); lines after an empty one are ignored.
 */
export function cdxTextRows(text: string): string[][] | null {
  const all = text.split(LINE_BREAK).map((l) => l.trim());
  while (all.length > 0 && all[0] === '') all.shift();
  // Lines after an empty line are the resume key (showResumeKey), not captures.
  const blank = all.indexOf('');
  const lines = blank < 0 ? all : all.slice(0, blank);
  if (lines.length === 0) return [];
  const split = lines.map((l) => l.split(SPACES));
  const fits = (r: string[], n: number) =>
    r.length === n && TIMESTAMP.test(r[LAYOUTS[n]!.indexOf('timestamp')]!);
  // The layout of the first line that is a capture; a malformed line is skipped, as a
  // malformed row of a JSON answer is, but most lines must be captures (an error page is not).
  const n = split.map((r) => r.length).find((len, i) => LAYOUTS[len] && fits(split[i]!, len));
  if (n === undefined) return null;
  const rows = split.filter((r) => fits(r, n));
  if (rows.length * 2 < split.length) return null;
  return [[...LAYOUTS[n]!], ...rows];
}
