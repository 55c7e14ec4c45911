import type { InputProblem } from '../model/index.js';

/** A URL found in a plain list or Markdown file, before normalisation. */
export interface FoundLink {
  url: string;
  /** 1-based. */
  line: number;
  /** Link text, or the URL itself when there is none. */
  title: string;
}

export interface FoundLinks {
  links: FoundLink[];
  problems: InputProblem[];
}
