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

/** Every zod issue as a problem naming its file:line. */
export function configIssues(
  file: string,
  error: z.ZodError,
  lineOf: (path: PropertyKey[]) => number,
  prefix: PropertyKey[] = [],
): ConfigProblem[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path];
    return {
      code: 'config-invalid' as const,
      file,
      line: lineOf(path),
      message: `${path.map(String).join('.') || '(top level)'}: ${issue.message}`,
    };
  });
}

export const formatConfigProblem = (p: ConfigProblem): string =>
  `${p.file}:${p.line}: ${p.message}`;
