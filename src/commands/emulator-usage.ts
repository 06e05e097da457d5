/** `tcr-sigpolicy emulator --help` text; no imports so help stays instant. Details: docs/emulator.md. */
export const EMULATOR_USAGE = `Run the local TCR API emulator on loopback

Serves the TCR and KMS calls this tool makes (TencentCloud API 3.0, TC3-HMAC-SHA256 signatures, the
documented rate limits and error codes) until Ctrl-C (exit 130) or SIGTERM (exit 0). The first line on
stdout is its endpoint; then the export lines of the demo pair and a command to paste. It accepts the
key pair in TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY when both are set, else the demo pair. Its
state, read-only: GET /_emulator/state on the same port (see docs/emulator.md).

USAGE
  tcr-sigpolicy emulator [flags]

FLAGS
  --port N              TCP port, 0 for any free one (default 9500)
  --host ADDR           address to bind (default 127.0.0.1)
  --seed FILE           starting state as JSON (default: the bundled fixtures/emulator-seed.json)
  --latency-ms N        add N ms to each faulted request (default 0)
  --jitter-ms N         add up to N ms more, at random (default 0)
  --throttle-rate F     answer this fraction RequestLimitExceeded, 0-1 (default 0)
  --error-rate F        answer this fraction HTTP 503 (before the change) or 502 (after it), 0-1 (default 0)
  --drop-rate F         close this fraction without an answer, half before and half after the change, 0-1
  --fault-seed N        seed of the fault sequence, for runs that repeat exactly (default: random)
  --fault-actions LIST  comma-separated actions the faults apply to (default: the two writes)
  --rate-limit-all N    limit every action, reads included, to N requests/s per SecretId
  --offset-pages        DescribeNamespaces counts Offset in pages, as its API reference says (default: items)
  --quiet               no per-request log lines on stderr
  --lang LANG           language of messages: en or zh-CN (default: from LC_ALL, LC_MESSAGES, LANG)
  -h, --help            Show help for command

EXAMPLES
  $ tcr-sigpolicy emulator --port 9500
  then, in another terminal in the repository, after the two export lines it prints:
  $ tcr-sigpolicy batch fixtures/sample.csv --endpoint http://127.0.0.1:9500 --dry-run
  $ curl -s http://127.0.0.1:9500/_emulator/state
`;
