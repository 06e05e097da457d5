// Resolve hook registered by trace-loads.mjs; runs on the loader thread, so it writes synchronously.
import { appendFileSync } from 'node:fs';
import process from 'node:process';

const file = process.env.TRACE_LOADS_FILE;

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (file) appendFileSync(file, `${resolved.url}\n`);
  return resolved;
}
