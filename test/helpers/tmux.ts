// Drives the built CLI in a real terminal: a tmux pane, keys sent as a user types them, the screen read back.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ExecutionContext } from 'ava';
import { shellQuote } from '../../src/core/command-line.js';
import { CLI, cleanHome } from './run-cli.js';

const exec = promisify(execFile);

export interface TmuxOptions {
  /** Arguments after `node dist/cli.js`. */
  readonly args: readonly string[];
  /** Added to a clean environment (no TENCENTCLOUD_*, an empty HOME, NO_COLOR). */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly width?: number;
  readonly height?: number;
  /** A file that gets every byte the CLI writes to the terminal, escape codes included (through script(1)). */
  readonly record?: string;
}

export interface TmuxSession {
  /** tmux key names: Enter, Escape, Down, C-c … */
  keys(...names: string[]): Promise<void>;
  /** Literal text, typed. */
  type(text: string): Promise<void>;
  /**
   * Types into the question on screen and waits until the text shows: keys sent while a prompt is
   * still setting up its input (on a loaded machine) are lost, so they are sent again.
   */
  typeAnswer(text: string): Promise<void>;
  /** Everything the pane shows, its scrollback included, wrapped lines joined. */
  screen(): Promise<string>;
  /** Polls the screen until it matches, and returns it; fails with the screen when it never does. */
  waitFor(pattern: ScreenMatch, timeoutMs?: number): Promise<string>;
  /** The CLI's process id (a child of the pane's shell), to signal it as `kill` or a closed terminal would. */
  cliPid(): Promise<number>;
  /** Closes the terminal as closing its window would: the CLI gets SIGHUP, and its terminal is gone. */
  close(): Promise<void>;
  /** Moves a list's pointer down until it rests on the line starting with `item`. */
  pointTo(item: string): Promise<void>;
}

/** On the screen once the CLI has exited and the pane has said how it left the terminal (the last thing printed). */
export const ENDED = /\[tty (raw|cooked)\]/;

/** Text the screen must include, a pattern it must match, or a test of the whole screen. */
export type ScreenMatch = string | RegExp | ((screen: string) => boolean);

const matches = (screen: string, pattern: ScreenMatch): boolean =>
  typeof pattern === 'string' ? screen.includes(pattern) : pattern instanceof RegExp ? pattern.test(screen) : pattern(screen);

let sessions = 0;

/**
 * Starts the CLI in a new pane on a tmux server of its own (a socket per session, so test files in
 * parallel never share one), killed in teardown. After the CLI exits the pane prints `[exit N]` and
 * whether the terminal was left in raw mode, then waits.
 */
export async function startTmux(t: ExecutionContext, options: TmuxOptions): Promise<TmuxSession> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the end-to-end tests`);
  sessions += 1;
  const socket = `tcr-sigpolicy-test-${process.pid}-${sessions}`;
  const tmux = (...args: string[]): Promise<{ stdout: string }> => exec('tmux', ['-L', socket, '-f', '/dev/null', ...args], { env: cleanEnv(options.env) });
  // tmux sets TERM in its panes from its own default-terminal; a TERM the test asks for is set again inside.
  const term = options.env?.TERM ? ['env', `TERM=${options.env.TERM}`] : [];
  const direct = [...term, process.execPath, CLI, ...options.args].map(shellQuote).join(' ');
  const cli = options.record ? ['script', '-qfec', direct, options.record].map(shellQuote).join(' ') : direct;
  const after = `echo "[exit $?]"; if stty -a | grep -q -- -icanon; then echo "[tty raw]"; else echo "[tty cooked]"; fi; sleep 600`;
  await tmux('new-session', '-d', '-x', String(options.width ?? 120), '-y', String(options.height ?? 40), '-c', options.cwd, `${cli}; ${after}`);
  await tmux('set-option', '-g', 'history-limit', '5000');
  t.teardown(async () => {
    await tmux('kill-server').catch(() => undefined);
    // tmux leaves its socket file behind; one per test would pile up in /tmp.
    rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, socket), { force: true });
  });

  const screen = async (): Promise<string> => (await tmux('capture-pane', '-p', '-J', '-S', '-')).stdout;
  const keys = async (...names: string[]): Promise<void> => void (await tmux('send-keys', ...names));
  const waitFor = async (pattern: ScreenMatch, timeoutMs = 20_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await screen();
      if (matches(last, pattern)) return last;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the screen never showed ${String(pattern)} in ${timeoutMs} ms; it shows:\n${last}`);
  };
  return {
    keys,
    type: async (text) => void (await tmux('send-keys', '-l', text)),
    async typeAnswer(text) {
      for (let attempt = 1; ; attempt++) {
        await tmux('send-keys', '-l', text);
        try {
          await waitFor(text, 3000);
          return;
        } catch (error) {
          if (attempt === 3) throw error;
          await keys('C-u');
        }
      }
    },
    screen,
    waitFor,
    async close() {
      await tmux('kill-server').catch(() => undefined);
    },
    async cliPid() {
      const pane = (await tmux('display-message', '-p', '#{pane_pid}')).stdout.trim();
      const children = readFileSync(`/proc/${pane}/task/${pane}/children`, 'utf8').trim().split(/\s+/).map(Number);
      const pid = children.find((child) => Number.isInteger(child) && child > 0);
      if (pid === undefined) throw new Error(`no CLI process under the pane's shell ${pane}`);
      return pid;
    },
    async pointTo(item) {
      // enquirer marks the focused line with a pointer; only the question being asked shows one.
      const on = new RegExp(`^\\s*[▸❯>] ${item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm');
      for (let i = 0; i < 40; i++) {
        const before = await screen();
        if (on.test(before)) return;
        await keys('Down');
        await waitFor((now) => now !== before, 5000);
      }
      throw new Error(`the pointer never reached ${item}:\n${await screen()}`);
    },
  };
}

function cleanEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('TENCENTCLOUD_') && !key.startsWith('TMUX') && key !== 'NODE_OPTIONS') env[key] = value;
  }
  return { ...env, HOME: cleanHome(), NO_COLOR: '1', TERM: 'xterm-256color', ...extra };
}

/** Counts the times a text appears on the screen, e.g. how often a question was asked. */
export function occurrences(screen: string, text: string): number {
  return screen.split(text).length - 1;
}
