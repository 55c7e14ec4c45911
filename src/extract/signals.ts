import type { PageSignals } from '../model/index.js';
import { cleanTitle } from './fold.js';

/*
 * What a page's markup says about its kind, for the soft-404 families: a sign-in form, a page
 * with no content at all, a domain-parking page. Read in one walk of its own so that the main
 * extractor (html.ts) only calls it.
 */

/** The slice of the domhandler node shape we walk. */
interface Node {
  type: string;
  data?: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: Node[];
}

/** Elements that show or make something without text of their own. */
const NON_TEXT = new Set([
  'img',
  'picture',
  'video',
  'audio',
  'iframe',
  'frame',
  'frameset',
  'embed',
  'object',
  'canvas',
  'svg',
  'form',
  'script',
  'noscript',
  'template',
  'input',
  'button',
  'select',
  'textarea',
]);

/**
 * Services that serve parked domains and domains for sale. A page that loads their scripts or
 * frames, or posts a form to them, is their page, not the site's.
 */
const PARKING_HOSTS = [
  'sedoparking.com',
  'sedo.com',
  'bodis.com',
  'parkingcrew.net',
  'above.com',
  'dan.com',
  'afternic.com',
  'hugedomains.com',
  'undeveloped.com',
  'domainmarket.com',
  'buydomains.com',
  'parklogic.com',
  'domainsponsor.com',
  'parked.com',
  'smartname.com',
  'dsparking.com',
  'skenzo.com',
  'perfectdomain.com',
];
/** Paths of parking landers served from general-purpose hosts (GoDaddy's CDN). */
const PARKING_PATHS = ['/parking-lander/', '/parking/'];

/** The parking service `src` points to, if it is one. */
export function parkingServiceOf(src: string, base: string): string | null {
  let u: URL;
  try {
    u = new URL(src.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const host = u.hostname.toLowerCase();
  for (const h of PARKING_HOSTS) if (host === h || host.endsWith(`.${h}`)) return h;
  if (host.endsWith('wsimg.com') && PARKING_PATHS.some((p) => u.pathname.includes(p))) {
    return host;
  }
  return null;
}

/**
 * The page's chrome: its banner, menus, sidebars and footer (by element or ARIA role). A login
 * box there sits beside the page's content; a sign-in page has its form in its main part.
 */
const CHROME = new Set(['header', 'nav', 'aside', 'footer']);
/** Script types that carry data, not code (JSON-LD, import maps, templates). */
const DATA_SCRIPT = /json|template|importmap|^text\/(?:html|plain)$/i;

const CHROME_ROLE = /^(banner|navigation|complementary|contentinfo)$/i;

const WORD_RUN = /[^\s]+/g;
/** Elements whose text is not shown (as in the visible text the classifier reads). */
const HIDDEN_TEXT = new Set(['script', 'style', 'template', 'noscript']);

export function pageSignals(root: Node, responseUrl: string): PageSignals {
  let passwordField = false;
  let passwordInMain = false;
  let siteName: string | null = null;
  let applicationName: string | null = null;
  let nonTextElements = 0;
  let parkingService: string | null = null;
  let scripted = false;
  // Words of each <form> met (by index) and whether it holds a password field.
  const formWords: number[] = [];
  const passwordForms = new Set<number>();
  const stack: Node[] = [root];
  // Whether each node on the stack is inside the page's chrome, and the <form> it is in (-1).
  const inChrome: boolean[] = [false];
  const inForm: number[] = [-1];
  while (stack.length > 0) {
    const node = stack.pop()!;
    let chrome = inChrome.pop()!;
    let form = inForm.pop()!;
    if (node.type === 'text') {
      if (form >= 0 && node.data) formWords[form]! += node.data.match(WORD_RUN)?.length ?? 0;
      continue;
    }
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      const name = (node.name ?? '').toLowerCase();
      const attrs = node.attribs ?? {};
      if (!chrome && (CHROME.has(name) || (attrs.role && CHROME_ROLE.test(attrs.role.trim())))) {
        chrome = true;
      }
      if (name === 'form') {
        form = formWords.length;
        formWords.push(0);
      } else if (HIDDEN_TEXT.has(name) || node.type !== 'tag') form = -1;
      if (NON_TEXT.has(name)) nonTextElements++;
      // `<body onload="location = '/new'">`: a page made by script, as much as a <script> is.
      else if ((name === 'body' || name === 'frameset') && attrs.onload?.trim()) {
        nonTextElements++;
        scripted = true;
      }
      if (name === 'script' && !DATA_SCRIPT.test(attrs.type?.trim() ?? '')) scripted = true;
      if (name === 'input' && attrs.type?.trim().toLowerCase() === 'password') {
        passwordField = true;
        if (!chrome) passwordInMain = true;
        if (form >= 0) passwordForms.add(form);
      } else if (name === 'meta' && attrs.content !== undefined) {
        const key = (attrs.property ?? attrs.name ?? '').trim().toLowerCase();
        if (key === 'og:site_name') siteName ??= cleanTitle(attrs.content);
        else if (key === 'application-name') applicationName ??= cleanTitle(attrs.content);
      }
      const src =
        name === 'script' || name === 'iframe' || name === 'frame' || name === 'embed'
          ? attrs.src
          : name === 'form'
            ? attrs.action
            : undefined;
      if (src !== undefined && parkingService === null) {
        parkingService = parkingServiceOf(src, responseUrl);
      }
    }
    const children = node.children;
    if (children) {
      for (let i = children.length - 1; i >= 0; i--) {
        stack.push(children[i]!);
        inChrome.push(chrome);
        inForm.push(form);
      }
    }
  }
  let loginFormWords = 0;
  for (const f of passwordForms) loginFormWords += formWords[f]!;
  return {
    passwordField,
    passwordOnlyInChrome: passwordField && !passwordInMain,
    loginFormWords,
    siteName: siteName ?? applicationName,
    nonTextElements,
    parkingService,
    scripted,
  };
}
