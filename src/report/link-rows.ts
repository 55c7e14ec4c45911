import type { ReportLink } from '../model/index.js';

/**
 * One kind of per-link text of a report file: what its writer prints for a link. Everything it
 * depends on besides the link (the report's language, the fail-on level) is fixed when the
 * context is made, so a link always gives the same text and it may be rendered ahead of time.
 * Writers keep one context object per setting (see `contextFor`): the object is the key.
 */
export interface RowContext<T> {
  render(link: ReportLink): T;
}

/**
 * Report texts rendered ahead of time, per context and link. Why: at 10,000 links, rendering
 * the JSON, CSV and JUnit texts of every link took ~0.2 s of the time between a run's last
 * answer and its reports on disk, while the process had idled for seconds on its busiest host's
 * last requests (see src/check/prerender.ts). A writer asks `text()`: a link not rendered ahead,
 * or under another context, is rendered then, so the files are the same either way.
 * Links are weak keys: texts go with the links they were rendered for.
 */
export class LinkRows {
  readonly #byContext = new Map<RowContext<unknown>, WeakMap<ReportLink, unknown>>();

  constructor(contexts: readonly RowContext<unknown>[]) {
    for (const context of contexts) this.#byContext.set(context, new WeakMap());
  }

  /** Renders the link's texts under every context, those not rendered yet. */
  prepare(link: ReportLink): void {
    for (const [context, texts] of this.#byContext) {
      if (!texts.has(link)) texts.set(link, context.render(link));
    }
  }

  text<T>(context: RowContext<T>, link: ReportLink): T {
    const texts = this.#byContext.get(context as RowContext<unknown>);
    if (texts?.has(link)) return texts.get(link) as T;
    return context.render(link);
  }
}

/** The text of `link` under `context`, from `rows` when given and rendered there. */
export function rowText<T>(
  rows: LinkRows | undefined,
  context: RowContext<T>,
  link: ReportLink,
): T {
  return rows ? rows.text(context, link) : context.render(link);
}

/** One context per setting, made on first use: the same setting gives the same object. */
export function contextFor<K, T>(
  make: (setting: K) => RowContext<T>,
): (setting: K) => RowContext<T> {
  const made = new Map<K, RowContext<T>>();
  return (setting) => {
    let context = made.get(setting);
    if (!context) {
      context = make(setting);
      made.set(setting, context);
    }
    return context;
  };
}
