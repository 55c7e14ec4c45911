/**
 * schema/report.schema.json against the Report type: sample reports (typed as Report, so the
 * compiler checks them against src/model) must validate, broken ones must not, and every object
 * in the schema lists exactly the fields of the type.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { HttpReason, ReasonCode, Report } from '../../src/model/index.js';
import { VERDICTS } from '../../src/model/index.js';
import { NAMED_REASONS } from '../support/reasons.js';
import { link, sampleReport } from './fixtures.js';

const schema = JSON.parse(
  readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const validate = ajv.compile(schema);

type Missing = Exclude<ReasonCode, (typeof NAMED_REASONS)[number] | HttpReason>;
const allNamed: [Missing] extends [never] ? true : Missing = true;

// biome-ignore lint/suspicious/noExplicitAny: tests break the shape on purpose
type Loose = Record<string, any>;

function errors(value: unknown): string[] {
  return validate(value)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('report JSON Schema', () => {
  it('is valid draft 2020-12 and accepts the sample report', () => {
    expect(allNamed).toBe(true);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(errors(sampleReport())).toEqual([]);
  });

  it('accepts an empty first run (no links, no history)', () => {
    const report: Report = { ...sampleReport(), links: [], fixed: [], history: [] };
    expect(errors(report)).toEqual([]);
  });

  it('lists every verdict and named reason, and a pattern for http-NNN', () => {
    expect(schema.$defs.verdict.enum).toEqual([...VERDICTS]);
    expect([...schema.$defs.reason.anyOf[0].enum].sort()).toEqual([...NAMED_REASONS].sort());
    const report = sampleReport();
    report.links = [link('https://a.test/', { status: 'dead', reason: 'http-418' })];
    expect(errors(report)).toEqual([]);
  });

  it('rejects wrong schema strings, statuses, reasons, missing and unknown fields', () => {
    const bad = (mutate: (r: Loose) => void) => {
      const r = structuredClone(sampleReport()) as unknown as Loose;
      mutate(r);
      return errors(r);
    };
    expect(bad((r) => (r.schema = 'rotwatch/report@2'))).not.toEqual([]);
    expect(bad((r) => (r.links[0].status = 'gone'))).not.toEqual([]);
    expect(bad((r) => (r.links[1].reason = 'http-4040'))).not.toEqual([]);
    expect(bad((r) => (r.links[1].reason = 'made-up'))).not.toEqual([]);
    expect(bad((r) => delete r.links[0].newFailure)).not.toEqual([]);
    expect(bad((r) => (r.links[0].extra = 1))).not.toEqual([]);
    expect(bad((r) => (r.run.startedAt = 'yesterday'))).not.toEqual([]);
    expect(bad((r) => delete r.summary.blocked)).not.toEqual([]);
    expect(bad((r) => (r.history[0].network = 'up'))).not.toEqual([]);
    expect(bad((r) => (r.links[2].archiveReason = 'nope'))).not.toEqual([]);
  });

  it('names exactly the fields of each model object', () => {
    const report = sampleReport();
    const fullLink = report.links[1]!;
    const keys = (def: { properties: object }) => Object.keys(def.properties).sort();
    // `snapshot` is optional: present in snapshot reports of a shared store only.
    expect(keys(schema)).toEqual([...Object.keys(report), 'snapshot'].sort());
    const snapshot: NonNullable<Report['snapshot']> = {
      takenAt: '2026-12-07T05:00:00.000Z',
      since: '2026-11-30T05:00:00.000Z',
      neverChecked: 0,
      oldestCheckAt: null,
    };
    expect(keys(schema.$defs.snapshot)).toEqual(Object.keys(snapshot).sort());
    expect(errors({ ...report, snapshot })).toEqual([]);
    expect(errors({ ...report, snapshot: { ...snapshot, neverChecked: -1 } })).not.toEqual([]);
    expect(keys(schema.$defs.run)).toEqual(Object.keys(report.run).sort());
    expect(keys(schema.$defs.link)).toEqual(Object.keys(fullLink).sort());
    expect(keys(schema.$defs.link.properties.meta)).toEqual(Object.keys(fullLink.meta).sort());
    expect(keys(schema.$defs.fixedLink)).toEqual(Object.keys(report.fixed[0]!).sort());
    expect(keys(schema.$defs.runSummary)).toEqual(Object.keys(report.history[0]!).sort());
    expect(keys(schema.$defs.entryRef)).toEqual(Object.keys(fullLink.entries[0]!).sort());
    expect(keys(schema.$defs.archiveCapture)).toEqual(
      [...Object.keys(fullLink.archive!), 'archive'].sort(),
    );
  });
});
