import type { Entry } from '../../model/index.js';

/** A problem the importer found: reported, never thrown. */
export interface ImportProblem {
  code:
    | 'empty-input'
    | 'no-sections'
    | 'no-entries'
    | 'entry-before-section'
    | 'unparsed-entry'
    | 'unassigned-url'
    | 'low-confidence'
    | 'invalid-url';
  /** 1-based line in the dossier text. */
  line: number;
  message: string;
}

export interface SectionBlock {
  kind: 'section';
  line: number;
  number: string;
  title: string;
}

export interface EntryBlock {
  kind: 'entry';
  line: number;
  /** The citation, wrapped lines joined. */
  citation: string;
  /** Reading-note text following the citation (used only as weak evidence, never exported). */
  notes: string[];
  /** The part of the notes printed on later pages than the citation. */
  continuedNotes: string[];
  /** Index of the page (URL block) the entry starts on. */
  page: number;
}

export interface UrlItem {
  url: string;
  line: number;
  /** How many consecutive lines repeated it (a wrapped anchor gives 2 or more). */
  repeats: number;
}

export interface UrlBlock {
  kind: 'urls';
  line: number;
  page: number;
  urls: UrlItem[];
}

export type Block = SectionBlock | EntryBlock | UrlBlock;

export interface ParsedDossier {
  sections: SectionBlock[];
  entries: EntryBlock[];
  urlBlocks: UrlBlock[];
  /** Entry index (into entries) per block, in document order; useful for debugging. */
  blocks: Block[];
  /** Pages (URL-block indexes) whose text starts with the continuation of the previous page. */
  continued: Set<number>;
  /** "YYYY-MM" read from a page stamp like "RNRSMS Avril 2021", when present. */
  compiled?: string;
  /** A line repeated at page breaks: the dossier's title. */
  runningHeader?: string;
  /** Text of the stamp line, to name the publisher. */
  stamp?: string;
  problems: ImportProblem[];
}

/** What the importer reads from one citation: the catalogue entry's descriptive fields. */
export type EntryFields = Pick<
  Entry,
  'creators' | 'title' | 'container' | 'date' | 'extent' | 'medium'
>;

export interface Assignment {
  url: string;
  line: number;
  /** Index into ParsedDossier.entries, or null when no entry took it. */
  entry: number | null;
  /** Evidence score between the URL and the chosen entry (0 = position only). */
  evidence: number;
  /** The part of `evidence` that came from the entry's title and names. */
  titleEvidence: number;
  /** 0..1: how much better this choice scored than the best alternative. */
  confidence: number;
  /** Short human explanation of the evidence. */
  why: string;
}
