import type { RowStatus } from '../core/result.js';

/** Characters the dashboard draws with; one set for Unicode terminals, one for ASCII. */
export interface Glyphs {
  readonly spinner: readonly string[];
  readonly barFull: string;
  readonly barEmpty: string;
  readonly barLeft: string;
  readonly barRight: string;
  readonly separator: string;
  readonly ellipsis: string;
  readonly status: Readonly<Record<RowStatus, string>>;
}

const UNICODE: Glyphs = {
  spinner: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'],
  barFull: '█',
  barEmpty: '░',
  barLeft: '',
  barRight: '',
  separator: ' · ',
  ellipsis: '…',
  status: { created: '✔', deleted: '✔', signed: '✔', failed: '✖', invalid: '⚠', skipped: '↷', 'dry-run': '○', 'not-sent': '·' },
};

const ASCII: Glyphs = {
  spinner: ['-', '\\', '|', '/'],
  barFull: '#',
  barEmpty: '-',
  barLeft: '[',
  barRight: ']',
  separator: ' | ',
  ellipsis: '...',
  status: { created: '+', deleted: '~', signed: '+', failed: 'x', invalid: '!', skipped: '=', 'dry-run': 'o', 'not-sent': '-' },
};

export function glyphsFor(unicode: boolean): Glyphs {
  return unicode ? UNICODE : ASCII;
}
