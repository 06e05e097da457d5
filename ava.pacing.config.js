// The pacing tests judge the request rate by arrival times at the emulator. They run on their own,
// after the main suite, one file and one test at a time, so nothing else can stall the emulator's
// event loop and blur those times.
export default {
  extensions: { ts: 'module', tsx: 'module' },
  nodeArguments: ['--import=tsx'],
  workerThreads: false,
  files: ['test/pacing*.e2e.test.ts'],
  timeout: '120s',
  concurrency: 1,
  serial: true,
};
