/** One `rotwatch <command> --flag ...` found in a workflow's run: script. */
export interface Invocation {
  command: string;
  flags: string[];
  line: string;
}

/** Split a shell line into words, honouring quotes (enough for workflow scripts, not a shell). */
export function words(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: '"' | "'" | null = null;
  let has = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
    }
  }
  if (has || cur) out.push(cur);
  return out;
}

const OPERATORS = /\s(?:&&|\|\||\||;)\s|;$/;
const REDIRECT = /^(?:\d?>>?|<|\d?>&\d)/;

/** Every rotwatch invocation in a run: script (continuation lines joined, operators split). */
export function findInvocations(script: string): Invocation[] {
  const found: Invocation[] = [];
  const lines = script.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const raw of lines) {
    const line = raw.replace(/\s#.*$/, '').trim();
    for (const segment of line.split(OPERATORS)) {
      const ws = words(segment);
      const at = ws.indexOf('rotwatch');
      if (at < 0) continue;
      // Only when run as a program: `rotwatch ...`, `npx rotwatch ...`, `npm exec rotwatch ...`.
      const before = ws.slice(0, at).filter((w) => !/^[A-Z_]+=/.test(w));
      const launcher = before.join(' ');
      if (!['', 'npx', 'npm exec', 'npm exec --', 'npx --no-install'].includes(launcher)) continue;
      const rest = ws.slice(at + 1);
      const end = rest.findIndex((w) => REDIRECT.test(w));
      const args = end < 0 ? rest : rest.slice(0, end);
      const command = args[0] ?? '';
      const flags = args.filter((w) => w.startsWith('-')).map((w) => w.split('=')[0]!);
      found.push({ command, flags, line });
    }
  }
  return found;
}
