import { readFile } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';

export const CONFIG_FILE = 'rotwatch.config.yaml';
/** A config file is small: refuse anything bigger before parsing it. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface ConfigProblem {
  code: 'config-unreadable' | 'config-too-large' | 'config-syntax' | 'config-invalid';
  file: string;
  line: number;
  message: string;
}

/** Reads a YAML config file; a missing file is `null` (defaults apply), not an error. */
export async function readConfigFile(
  file: string,
  { required = false }: { required?: boolean } = {},
): Promise<{ raw: unknown; lineOf: (path: PropertyKey[]) => number } | ConfigProblem | null> {
  let text: string;
  try {
    const buf = await readFile(file);
    if (buf.byteLength > MAX_CONFIG_BYTES) {
      return {
        code: 'config-too-large',
        file,
        line: 1,
        message: `config file is larger than ${MAX_CONFIG_BYTES} bytes`,
      };
    }
    text = buf.toString('utf8');
  } catch (err) {
    if (!required && (err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return {
      code: 'config-unreadable',
      file,
      line: 1,
      message: `cannot read config file: ${(err as Error).message}`,
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line ?? 1;
    return {
      code: 'config-syntax',
      file,
      line,
      message: first.message.split('\n')[0] ?? 'YAML syntax error',
    };
  }
  const lineOf = (path: PropertyKey[]): number => {
    let node: unknown = doc.contents;
    let best = 1;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
        const keyNode = pair?.key as Node | undefined;
        if (keyNode?.range) best = lineCounter.linePos(keyNode.range[0]).line;
        node = pair?.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        const r = (node as Node | undefined)?.range;
        if (r) best = lineCounter.linePos(r[0]).line;
      } else break;
    }
    return best;
  };
  return { raw: doc.toJS({ maxAliasCount: 100 }) ?? {}, lineOf };
}

/**
 * One zod issue as a sentence naming what it is about: "check.perHost: Invalid input: expected
 * number, received string". An unknown key (a misspelling, most often) names the key itself:
 * zod puts that issue on the enclosing object and lists the keys apart.
 */
export function issueText(issue: z.core.$ZodIssue, prefix: PropertyKey[] = []): string {
  const path = [...prefix, ...issue.path];
  const name = (key: string) => [...path, key].map(String).join('.');
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) {
    return issue.keys.length === 1
      ? `${name(issue.keys[0] as string)}: unknown key (misspelt?)`
      : `unknown keys (misspelt?): ${issue.keys.map(name).join(', ')}`;
  }
  return `${path.map(String).join('.') || '(top level)'}: ${issue.message}`;
}

/** One zod issue as a problem at its own line (an unknown key at the key's line). */
export function configIssue(
  file: string,
  issue: z.core.$ZodIssue,
  lineOf: (path: PropertyKey[]) => number,
  prefix: PropertyKey[] = [],
): ConfigProblem {
  const path = [...prefix, ...issue.path];
  const first = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  return {
    code: 'config-invalid',
    file,
    line: lineOf(first === undefined ? path : [...path, first]),
    message: issueText(issue, prefix),
  };
}

/** Every zod issue as a problem naming its file:line. */
export function configIssues(
  file: string,
  error: z.ZodError,
  lineOf: (path: PropertyKey[]) => number,
  prefix: PropertyKey[] = [],
): ConfigProblem[] {
  return error.issues.map((issue) => configIssue(file, issue, lineOf, prefix));
}

export const formatConfigProblem = (p: ConfigProblem): string =>
  `${p.file}:${p.line}: ${p.message}`;
