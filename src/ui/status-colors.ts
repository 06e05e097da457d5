import type { RowStatus } from '../core/result.js';

/** One colour per row status, shared by the counters, the finished rows and the summary. */
export const STATUS_COLORS: Readonly<Record<RowStatus, string>> = {
  created: 'green',
  deleted: 'green',
  signed: 'green',
  failed: 'red',
  invalid: 'yellow',
  skipped: 'cyan',
  'dry-run': 'blue',
  'not-sent': 'gray',
};
