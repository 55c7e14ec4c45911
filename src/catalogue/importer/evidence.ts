/**
 * Evidence that a URL belongs to an entry: words of the URL's path against the entry's title,
 * the URL's host against the entry's creators and container (names, acronyms, names run
 * together as in "petitsfreresdespauvres"), and, more weakly, the reading note's words.
 * Pure functions.
 */

import { siteHost } from '../../text/host.js';
import { acronyms, fold, stem, stems, words } from './text.js';

export interface EntryProfile {
  title: Set<string>;
  /** Unstemmed title words of 4+ letters, for host names made of them ("guide-sante-connectee"). */
  titleWords: Set<string>;
  names: Set<string>;
  nameWords: Set<string>;
  /** Name words run together, for hosts like "defenseurdesdroits". */
  joined: string[];
  acronyms: Set<string>;
  notes: Set<string>;
}

export interface UrlProfile {
  hostLabels: string[];
  pathStems: Set<string>;
  /** Full path words behind long stems, for glued-word matching. */
  gluedWords: Map<string, string>;
}

/** Path parts that say nothing about the resource. */
const URL_NOISE = new Set(
  (
    'sites default files atoms img upload uploads wp content media download documents document ' +
    'publications publication fileadmin storage ressources ressource actualites actualite article ' +
    'articles fr en www pdf html htm php inline the page pages emissions accueil portail datastoragekit ' +
    'edition external package projets nationaux question pratique watch produit catalogue'
  ).split(' '),
);

/** Words too common in host names to tell one publisher from another. */
const GENERIC_HOST_WORDS = new Set(
  'sante numerique france social sociale info portail site gouv national nationale ministere'.split(
    ' ',
  ),
);

const CITATION_PUNCTUATION = /[(),.:]/;
const APOSTROPHES = /[’']/g;
const NON_ALPHANUMERIC_RUN = /[^a-z0-9]+/;

export function entryProfile(e: {
  creators: string;
  title: string;
  container?: string;
  notes?: string[];
}): EntryProfile {
  const nameText = `${e.creators} ${e.container ?? ''}`;
  const nameParts = [e.creators, e.container ?? '', e.title].flatMap((t) =>
    t.split(CITATION_PUNCTUATION),
  );
  const nameWords = words(nameText).filter((w) => w.length >= 3);
  const joined: string[] = [];
  for (const part of nameParts) {
    const ws = fold(part).replace(APOSTROPHES, ' ').split(NON_ALPHANUMERIC_RUN).filter(Boolean);
    if (ws.length >= 2) joined.push(ws.join(''));
    const sig = words(part);
    if (sig.length >= 2) joined.push(sig.join(''));
  }
  return {
    title: stems(e.title),
    titleWords: new Set(words(e.title).filter((w) => w.length >= 4)),
    names: new Set(nameWords.map(stem)),
    nameWords: new Set(nameWords.filter((w) => w.length >= 4)),
    joined: joined.filter((j) => j.length >= 6),
    acronyms: acronyms(nameText),
    notes: stems((e.notes ?? []).join(' ')),
  };
}

const DIGITS_ONLY = /^\d+$/;

export function urlProfile(url: string): UrlProfile {
  let host = '';
  let path = '';
  try {
    const u = new URL(url);
    host = siteHost(u.hostname);
    path = `${u.pathname} ${u.search}`;
    try {
      path = decodeURIComponent(path);
    } catch {
      // keep the raw path when it holds a stray %
    }
  } catch {
    return { hostLabels: [], pathStems: new Set(), gluedWords: new Map() };
  }
  const labels = host.split('.');
  const hostLabels = labels.slice(0, Math.max(1, labels.length - 1)).filter((l) => l !== 'gouv');
  const pathWords = fold(path)
    .split(NON_ALPHANUMERIC_RUN)
    .filter((w) => w.length >= 3 && !DIGITS_ONLY.test(w) && !URL_NOISE.has(w));
  const gluedWords = new Map<string, string>();
  for (const w of pathWords) if (w.length >= 7) gluedWords.set(stem(w), w);
  return { hostLabels, pathStems: new Set(pathWords.map(stem)), gluedWords };
}

export interface Evidence {
  score: number;
  /** The part of score that came from the path matching the entry's title or names. */
  titlePart: number;
  why: string[];
}

/**
 * Raw evidence of URL for entry. `df` says in how many of the competing entries each stem
 * appears, so words every candidate shares count for little.
 */
export function evidence(e: EntryProfile, u: UrlProfile, df: (stem: string) => number): Evidence {
  let score = 0;
  const why: string[] = [];
  const titleHits: string[] = [];
  let noteHits = 0;
  let titlePart = 0;
  for (const s of u.pathStems) {
    const w = 1 / Math.max(1, df(s));
    if (e.title.has(s)) {
      titlePart += w;
      titleHits.push(s);
    } else if (e.names.has(s)) {
      titlePart += 0.8 * w;
      titleHits.push(s);
    } else if (e.notes.has(s)) {
      score += 0.25 * w;
      noteHits++;
    } else if (s.length >= 7) {
      // words glued in a file name: "enqueteprotectionsociale2018"
      const glued = u.gluedWords.get(s) ?? s;
      for (const t of [...e.title, ...e.names]) {
        if (t.length >= 5 && glued.includes(t)) {
          titlePart += 0.6 / Math.max(1, df(t));
          titleHits.push(`${t}*`);
        }
      }
      for (const t of e.notes) {
        if (t.length >= 6 && glued.includes(t)) {
          score += 0.2 / Math.max(1, df(t));
          noteHits++;
        }
      }
    }
  }
  score += titlePart;
  if (titleHits.length) why.push(`path~title: ${titleHits.slice(0, 4).join(',')}`);
  if (noteHits) why.push(`path~note x${noteHits}`);
  let hostScore = 0;
  let hostWhy = '';
  for (const label of u.hostLabels) {
    const parts = label.split('-').filter((p) => p.length >= 3);
    let v = 0;
    if (e.acronyms.has(label)) v = 1.5;
    else if (
      e.joined.some(
        (j) =>
          j === label ||
          (label.length >= 6 && j.includes(label)) ||
          (j.length >= 6 && label.includes(j)),
      )
    )
      v = 1.5;
    else if (
      parts.length &&
      parts.every((p) => e.names.has(stem(p)) || e.acronyms.has(p) || e.title.has(stem(p)))
    )
      v = parts.length >= 2 ? 1.5 : 1.5 / Math.max(1, df(stem(parts[0]!)));
    else if ([...e.acronyms].some((a) => a.length >= 3 && label.startsWith(a))) v = 1.2;
    else {
      // a distinctive name or title word inside the host: "reseau-fragola", "unicaen", "pulsy"
      const short = e.titleWords.size <= 2 ? [...e.titleWords] : [];
      for (const w of [...e.nameWords, ...short]) {
        if (!GENERIC_HOST_WORDS.has(w) && label.includes(w))
          v = Math.max(v, 1.5 / Math.max(1, df(stem(w))));
      }
    }
    if (v > hostScore) {
      hostScore = v;
      hostWhy = `host~name: ${label}`;
    }
  }
  if (hostScore > 0) {
    score += hostScore;
    why.push(hostWhy);
  }
  return { score, titlePart, why };
}
