/** DOIs as pages write them: bare, "doi:"-prefixed or as a doi.org link. Pure. */

/** A DOI: "10." + registrant + "/" + suffix (Crossref's advice for matching them in text). */
const DOI = /\b(10\.\d{4,9}\/[^\s"'<>]+)/;

const ENCODED_SLASH = /%2f/i;
const TRAILING_PUNCTUATION = /[.,;:)\]}]+$/;

/**
 * The DOI in a string ("10.1000/xyz", "doi:10.1000/xyz", "https://doi.org/10.1000/xyz",
 * "info:doi/10.1000%2Fxyz"), lower-cased as DOIs compare case-insensitively; null without one.
 */
export function doiOf(input: string | null | undefined): string | null {
  if (typeof input !== 'string' || input.length > 2000) return null;
  let s = input.trim();
  if (ENCODED_SLASH.test(s)) {
    try {
      s = decodeURIComponent(s);
    } catch {
      // keep it as written
    }
  }
  const m = DOI.exec(s);
  if (!m) return null;
  // Punctuation that ends a sentence or closes a bracket is not part of the DOI.
  const doi = m[1]!.replace(TRAILING_PUNCTUATION, '');
  return doi.length > 8 ? doi.toLowerCase() : null;
}

const DOI_HOST = /^(?:dx\.)?doi\.org$/i;

/** The DOI of a doi.org (or dx.doi.org) URL; null for any other URL. */
export function doiOfLink(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return null;
  }
  if (!DOI_HOST.test(url.hostname)) return null;
  return doiOf(url.pathname.slice(1));
}
