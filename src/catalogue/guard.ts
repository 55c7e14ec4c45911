import { CST, Lexer } from 'yaml';

export interface ComplexityLimits {
  /** Deepest nesting of collections allowed (flow brackets, or block indentation columns). */
  maxDepth: number;
  /** Anchors (`&name`) plus aliases (`*name`) allowed in one file. */
  maxAliases: number;
}

export interface ComplexityFinding {
  line: number;
  message: string;
}

/**
 * Measures nesting and aliases with the yaml lexer before composing the document.
 *
 * Why: the yaml composer recurses once per nesting level, so a few thousand `[` overflow
 * the stack, and after one such overflow V8 has been seen to abort the whole process on the
 * next. The lexer is iterative, so this scan is safe on any input that passed the size cap.
 * Block depth is bounded by indentation plus the indicators (`- `, `? `, `: `) on a line.
 */
export function findComplexity(source: string, limits: ComplexityLimits): ComplexityFinding | null {
  let line = 1;
  let flowDepth = 0;
  let lineDepth = 0;
  let atLineStart = true;
  let aliases = 0;
  let scalarNext = false;
  for (const token of new Lexer().lex(source)) {
    const type = CST.tokenType(token);
    if (scalarNext) {
      // The token after a scalar marker is the scalar's text, whatever it starts with
      // (block scalar bodies start with spaces): count its lines, never its indentation.
      scalarNext = false;
      for (let i = token.indexOf('\n'); i !== -1; i = token.indexOf('\n', i + 1)) line++;
      if (token.endsWith('\n')) {
        lineDepth = 0;
        atLineStart = true;
      } else atLineStart = false;
      continue;
    }
    if (type === 'scalar') {
      scalarNext = true;
      continue;
    }
    if (type === 'newline') {
      line++;
      lineDepth = 0;
      atLineStart = true;
      continue;
    }
    if (type === 'space' && atLineStart) lineDepth += token.length;
    else if (
      flowDepth === 0 &&
      (type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind')
    ) {
      // Inside brackets, nesting is counted by the brackets: `a: 1, b: 2` is not deeper.
      lineDepth += 1;
    } else if (type === 'flow-seq-start' || type === 'flow-map-start') flowDepth++;
    else if (type === 'flow-seq-end' || type === 'flow-map-end')
      flowDepth = Math.max(0, flowDepth - 1);
    else if (type === 'alias' || type === 'anchor') aliases++;
    // Multi-line scalars carry their own newlines inside one token.
    if (type !== 'space') {
      for (let i = token.indexOf('\n'); i !== -1; i = token.indexOf('\n', i + 1)) line++;
    }
    if (type !== 'space') atLineStart = false;
    if (flowDepth + lineDepth > limits.maxDepth) {
      return { line, message: `nesting deeper than ${limits.maxDepth} levels` };
    }
    if (aliases > limits.maxAliases) {
      return { line, message: `more than ${limits.maxAliases} anchors and aliases` };
    }
  }
  return null;
}
