// Preload for `node --import`: records every module URL the program resolves, one per line, in the
// file named by TRACE_LOADS_FILE, so a test can tell whether a command pulled in Ink, React or the SDK.
import { register } from 'node:module';
import process from 'node:process';

if (!process.env.TRACE_LOADS_FILE) throw new Error('trace-loads.mjs: set TRACE_LOADS_FILE to the file that receives the URLs');
register('./trace-loads-hooks.mjs', import.meta.url);
