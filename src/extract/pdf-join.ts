/**
 * A PDF's first bytes and its last ones (a Range request for a file past the cap) as one latin1
 * source for the object scanner: the trailer, the Info dictionary, the catalog and the XMP packet
 * of most files are at the end (pdfTeX writes them last; a linearized file keeps only the first
 * page's objects at the start). Pure.
 *
 * Where the two parts overlap they are joined exactly. Otherwise the gap would let a value cut at
 * the end of the prefix run on into the tail's bytes (a string closed by a parenthesis of another
 * object): the prefix is cut after its last `endobj` and the tail starts at its first object
 * header or trailer keyword, so that no object straddles the gap.
 */

const TAIL_START = /\d{1,10}\s+\d{1,5}\s+obj(?![^\s()<>[\]{}/%])|\btrailer\s*<<|\bstartxref\b/;
const ENDOBJ = 'endobj';

export function joinPdfParts(prefix: string, tail: { start: number; src: string } | null): string {
  if (tail === null) return prefix;
  if (tail.start <= prefix.length) return prefix + tail.src.slice(prefix.length - tail.start);
  const lastEnd = prefix.lastIndexOf(ENDOBJ);
  const head = lastEnd < 0 ? '' : prefix.slice(0, lastEnd + ENDOBJ.length);
  const first = TAIL_START.exec(tail.src);
  const rest = first === null ? '' : tail.src.slice(first.index);
  return `${head}\n${rest}`;
}
