import { Box } from 'ink';
import stringWidth from 'string-width';
import type { ItemResult } from '../core/work-item.js';
import { COLUMN_GAP, failureColumns } from './failure-columns.js';
import { wrapCells } from './fit-cells.js';
import { abbreviateKey } from './row-columns.js';
import { ThemedText } from './ThemedText.js';
import { useTheme } from './use-theme.js';
import { t } from '../i18n/messages.js';

export interface FailureSummaryProps {
  readonly failures: readonly ItemResult[];
  /** Terminal width in columns; decides which columns fit and whether rows take two lines. */
  readonly width: number;
  /** Journal path, named as the place to find RequestIds when that column does not fit. */
  readonly journal?: string;
  /** Rows listed at most; the rest are counted, so the final frame fits on one screen. */
  readonly maxRows?: number;
}

/** At the end: the failed and blocked rows again, as a table of line, registry/namespace, ErrorCode, message, RequestId. */
export function FailureSummary({ failures, width, journal, maxRows = 20 }: FailureSummaryProps) {
  const { glyphs } = useTheme();
  if (failures.length === 0) return null;
  const shown = failures.slice(0, maxRows);
  const columns = failureColumns(width, shown);
  // The reason wraps: cut, it would lose the part that says what to do. Keys are cut in the middle.
  const cell = (w: number, text: string, style: { color?: string; dim?: boolean; wrap?: 'wrap' | 'truncate-middle' } = {}) =>
    w === 0 ? null : (
      <Box width={w} flexShrink={0} paddingRight={COLUMN_GAP}>
        <ThemedText color={style.color} dim={style.dim} wrap={style.wrap ?? 'truncate-end'}>{text}</ThemedText>
      </Box>
    );
  const heading = { dim: true };
  // Wrapped here between words: Ink's own wrap would split ids and begin lines with a space.
  const message = (text: string) => wrapCells(text, columns.message - COLUMN_GAP).join('\n');
  const requestId = (r: ItemResult | undefined) => cell(columns.requestId, r ? r.RequestId : 'RequestId', r ? { dim: true } : heading);
  const tail = (r: ItemResult | undefined) => (
    <>
      {cell(columns.message, r ? message(r.ErrorMessage) : t('dash.colMessage'), r ? { wrap: 'wrap' } : heading)}
      {columns.requestIdBelow ? null : requestId(r)}
    </>
  );
  const row = (r: ItemResult | undefined) => (
    <Box key={r?.line ?? 'heading'} flexDirection="column">
      <Box>
        {cell(columns.line, r ? String(r.line) : t('dash.colLine'), r ? {} : heading)}
        {cell(columns.key, r ? abbreviateKey(`${r.RegistryId}/${r.NamespaceName}`, columns.key - COLUMN_GAP, glyphs.ellipsis) : t('dash.colKey'), r ? {} : heading)}
        {cell(columns.code, r ? r.ErrorCode : 'ErrorCode', r ? { color: 'red' } : heading)}
        {columns.stacked ? null : tail(r)}
      </Box>
      {columns.stacked ? <Box marginLeft={columns.line}>{tail(r)}</Box> : null}
      {columns.requestIdBelow && (r === undefined || r.RequestId) ? <Box marginLeft={columns.line}>{requestId(r)}</Box> : null}
    </Box>
  );
  return (
    <Box flexDirection="column" marginTop={1}>
      <ThemedText bold color="red">{t('dash.needsAttention', { n: failures.length })}</ThemedText>
      {row(undefined)}
      {shown.map(row)}
      {failures.length > shown.length ? (
        <ThemedText dim>{`${glyphs.ellipsis} ${t('dash.moreRows', { n: failures.length - shown.length })}`}</ThemedText>
      ) : null}
      {columns.requestId === 0 && journal !== undefined ? (
        <ThemedText dim>{journalLine(journal, width)}</ThemedText>
      ) : null}
    </Box>
  );
}

/** Where the RequestIds are: on one line when it fits, else the path whole on the next (cut only past a full line). */
function journalLine(journal: string, width: number): string {
  const line = t('dash.requestIdsInJournal', { path: journal });
  if (stringWidth(line) <= width) return line;
  return [t('dash.requestIdsInJournal', { path: '' }).trimEnd(), ...wrapCells(journal, width)].join('\n');
}
