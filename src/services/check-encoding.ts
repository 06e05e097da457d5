import { t } from '../i18n/messages.js';

/** Looks at the first bytes of an input and says why it is not UTF-8 CSV text, if it is not. */
export function checkEncoding(head: Buffer): { message: string; hint: string } | undefined {
  const bom16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  const sample = head.subarray(0, 8192);
  if (bom16 || looksLikeUtf16Text(sample)) {
    return {
      message: t('csv.utf16'),
      hint: t('csv.utf16Hint'),
    };
  }
  if (looksBinary(sample)) {
    return { message: t('csv.binary'), hint: t('csv.binaryHint') };
  }
  // A stray NUL in otherwise UTF-8 text is a field's problem: the row checks name its line and column.
  return undefined;
}

/** Many NULs, or bytes that are not UTF-8 among them: an image, an archive, a spreadsheet's own format. */
function looksBinary(sample: Buffer): boolean {
  const nuls = zeroBytes(sample);
  if (nuls === 0) return false;
  if (nuls > Math.max(2, sample.length / 100)) return true;
  // The sample may end inside a character: only what comes before the last few bytes must decode.
  return Buffer.from(sample.subarray(0, Math.max(0, sample.length - 3))).toString('utf8').includes('\uFFFD');
}

function zeroBytes(sample: Buffer): number {
  let n = 0;
  for (const byte of sample) if (byte === 0) n += 1;
  return n;
}

/** UTF-16 without a BOM: mostly printable characters once decoded as UTF-16, in either byte order. */
function looksLikeUtf16Text(sample: Buffer): boolean {
  // Text in UTF-16 is mostly ASCII here (a CSV's ids and names): every other byte is zero. A few NULs
  // in UTF-8 text are not that, however printable its bytes read when paired up as UTF-16.
  if (sample.length < 4 || zeroBytes(sample) < sample.length / 4) return false;
  const even = sample.length - (sample.length % 2);
  const printable = (text: string): boolean => {
    const good = [...text].filter((c) => c === '\n' || c === '\r' || c === '\t' || (c >= ' ' && c !== '\uFFFD' && c < '\uD800')).length;
    return good / text.length > 0.95;
  };
  const le = sample.subarray(0, even).toString('utf16le');
  const be = Buffer.from(sample.subarray(0, even)).swap16().toString('utf16le');
  return printable(le) || printable(be);
}
