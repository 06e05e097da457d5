/** `tcr-sigpolicy emulator --help` text; no imports so help stays instant. Details: docs/emulator.md. */
export const EMULATOR_USAGE = `Usage: tcr-sigpolicy emulator [flags]

Runs a local TCR + KMS API emulator (TencentCloud API 3.0, TC3-HMAC-SHA256 signatures, documented rate
limits and error codes) on loopback until Ctrl-C (exit 130) or SIGTERM (exit 0). The first line on stdout
is its endpoint; point the tool at it with --endpoint http://127.0.0.1:9500. It accepts the key pair in
TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY when set, else the demo pair (docs/emulator.md).

Flags:
  --port N             TCP port, 0 for any free one (default 9500)
  --host ADDR          address to bind (default 127.0.0.1)
  --seed FILE          starting state as JSON (default: the bundled fixtures/emulator-seed.json)
  --latency-ms N       add N ms to each faulted request (default 0)
  --jitter-ms N        add up to N ms more, at random (default 0)
  --throttle-rate F    answer this fraction RequestLimitExceeded, 0-1 (default 0)
  --error-rate F       answer this fraction HTTP 503 (before the change) or 502 (after it), 0-1 (default 0)
  --drop-rate F        close this fraction without an answer, half before and half after the change, 0-1 (default 0)
  --fault-seed N       seed of the fault sequence, for runs that repeat exactly (default: random)
  --fault-actions LIST comma-separated actions the faults apply to (default: CreateSignaturePolicy,DeleteSignaturePolicy)
  --quiet              no per-request log lines on stderr
  -h, --help           show this help`;
