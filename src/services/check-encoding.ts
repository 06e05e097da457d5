/** Looks at the first bytes of an input and says why it is not UTF-8 CSV text, if it is not. */
export function checkEncoding(head: Buffer): { message: string; hint: string } | undefined {
  const bom16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  const sample = head.subarray(0, 8192);
  if (bom16 || looksLikeUtf16Text(sample)) {
    return {
      message: 'the file is UTF-16 text; this tool reads UTF-8',
      hint: 'convert it with `iconv -f UTF-16 -t UTF-8 in.csv > out.csv`, or save it as "CSV UTF-8" in your spreadsheet',
    };
  }
  if (sample.includes(0)) {
    return { message: 'the file is binary, not CSV text', hint: 'pass a CSV file (see `tcr-sigpolicy template`)' };
  }
  return undefined;
}

/** UTF-16 without a BOM: mostly printable characters once decoded as UTF-16, in either byte order. */
function looksLikeUtf16Text(sample: Buffer): boolean {
  if (sample.length < 4 || !sample.includes(0)) return false;
  const even = sample.length - (sample.length % 2);
  const printable = (text: string): boolean => {
    const good = [...text].filter((c) => c === '\n' || c === '\r' || c === '\t' || (c >= ' ' && c !== '\uFFFD' && c < '\uD800')).length;
    return good / text.length > 0.95;
  };
  const le = sample.subarray(0, even).toString('utf16le');
  const be = Buffer.from(sample.subarray(0, even)).swap16().toString('utf16le');
  return printable(le) || printable(be);
}
