const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Text without its accents ("é" -> "e"): decomposed, the combining marks dropped. */
export function stripAccents(s: string): string {
  return s.normalize('NFD').replace(COMBINING_MARKS, '');
}
