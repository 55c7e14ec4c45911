/** Where something was read from, for CI annotations and error messages. */
export interface SourcePos {
  file: string;
  /** 1-based. */
  line: number;
}

/** A date as written in the source plus what could be read from it by machine. */
export interface FuzzyDate {
  text: string;
  year?: number;
  month?: number;
  day?: number;
}

export interface EntryLink extends SourcePos {
  url: string;
  /** e.g. "article", "report", "summary", "video". */
  role?: string;
  /** ISO date (YYYY-MM-DD) when an editor checked this link later than the compilation date. */
  accessed?: string;
  /** An archived copy kept in the catalogue beside the original URL. */
  archive?: LinkArchive;
  /** False when an editor marked the link `fix: false`: `rotwatch fix` leaves it as written. */
  fix?: boolean;
}

/** An archived copy of a link, as written in the catalogue (the Robust Links triple). */
export interface LinkArchive {
  url: string;
  /** ISO date (YYYY-MM-DD) of the capture. */
  date: string;
}

export interface Entry extends SourcePos {
  /** Readable slug, unique within its catalogue. */
  id: string;
  section: { number: string; title: string };
  creators: string;
  title: string;
  container?: string;
  date?: FuzzyDate;
  extent?: { text: string; pages?: number };
  medium: string;
  links: EntryLink[];
  /** The entry-level access date, applying to links without their own. */
  accessed?: string;
}

export interface CatalogueInfo {
  title: string;
  publisher?: string;
  /** When the editors last saw the links: ISO date or year-month (e.g. "2021-04"). */
  compiled?: string;
}

export interface Catalogue {
  file: string;
  info: CatalogueInfo;
  entries: Entry[];
  /** The language tag the catalogue declares (`language:` at its top level), if any. */
  language?: string;
}

/** A problem found while loading an input. Errors are values with a reason code. */
export interface InputProblem extends SourcePos {
  code:
    | 'yaml-syntax'
    | 'yaml-too-complex'
    | 'file-too-large'
    | 'file-unreadable'
    | 'schema'
    | 'duplicate-id'
    | 'invalid-url'
    | 'unknown-field'
    | 'missing-field';
  message: string;
  /** Dotted path inside the document, when there is one (e.g. "entries.3.links.0.url"). */
  path?: string;
}

/** One place that cites a URL: what the report keeps for every citing entry. */
export interface Citation extends SourcePos {
  /** Entry id; for plain URL lists and Markdown files, a synthetic id like "links.txt:12". */
  id: string;
  title: string;
  section?: string;
  /** ISO date: entry/link `accessed`, else the catalogue's compilation date; absent for lists. */
  accessedAt?: string;
  /** ISO date of publication as far as known (year-01-01 when only the year is known). */
  publishedAt?: string;
  /** The entry's creators, container and date as written, to hold against the page's own. */
  creators?: string;
  container?: string;
  date?: FuzzyDate;
  /** The archived copy the catalogue keeps for this link, if any. */
  archive?: LinkArchive;
  /** Present (false) when the link is marked `fix: false` in the catalogue. */
  fix?: false;
  /** The entry's page count (`extent.pages`), for the drift check of PDFs. */
  pages?: number;
}

/** A unique URL to check, with every citation of it. */
export interface Target {
  /** Normalised URL (fragment dropped, host lowercased). */
  url: string;
  citations: Citation[];
}
