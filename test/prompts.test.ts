// The one prompt module, fed keys through a fake terminal: answers, validation, Esc versus Ctrl-C, no terminal.
import test from 'ava';
import { PassThrough, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { CancelledError, UsageError } from '../src/core/errors.js';
import { askConfirm, askExport, askPick, askSelect, askText, GoBack, usePromptStreams } from '../src/ui/prompts.js';

const KEY = { enter: '\r', esc: '\x1b', ctrlC: '\x03', down: '\x1b[B' } as const;

/** Enough of a TTY for enquirer: raw mode that is only remembered, and a screen kept as text. */
function fakeTerminal(isTTY = true) {
  const stdin = Object.assign(new PassThrough(), { isTTY, isRaw: false, setRawMode(this: { isRaw: boolean }, raw: boolean) { this.isRaw = raw; return this; } });
  let screen = '';
  const stdout = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        screen += chunk.toString('utf8');
        done();
      },
    }),
    { isTTY, columns: 100, rows: 30 },
  );
  usePromptStreams({ stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream });
  return {
    stdin,
    screen: () => screen,
    /** Waits until the screen shows `text` (drawn since the last keys were pressed), then presses the keys. */
    async when(text: string, ...keys: string[]): Promise<void> {
      const deadline = Date.now() + 5000;
      while (!stripVTControlCharacters(screen).includes(text)) {
        if (Date.now() > deadline) throw new Error(`never showed ${text}:\n${screen}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      screen = '';
      for (const key of keys) stdin.write(key);
    },
  };
}

test.afterEach.always(() => usePromptStreams(undefined));

test.serial('askText returns the trimmed answer, and Enter on an empty line takes the initial value', async (t) => {
  const term = fakeTerminal();
  const typed = askText('Policy name');
  await term.when('Policy name', '  ledger-signing ', KEY.enter);
  t.is(await typed, 'ledger-signing');
  const initial = askText('Policy name', { initial: 'payments-signing' });
  await term.when('Policy name', KEY.enter);
  t.is(await initial, 'payments-signing');
});

test.serial('askText shows what the check says under the line and waits for a value that passes', async (t) => {
  const term = fakeTerminal();
  const answer = askText('Namespace', { check: (v) => (/^[a-z]+$/.test(v) ? undefined : 'use lowercase letters') });
  await term.when('Namespace', 'Team_A', KEY.enter);
  await term.when('use lowercase letters', '\x07'); // Ctrl-G clears the line
  await term.when('Namespace', 'team', KEY.enter);
  t.is(await answer, 'team');
});

test.serial('askSelect answers with the name of the chosen line, starting on the initial one', async (t) => {
  const term = fakeTerminal();
  const choices = [{ name: 'a', message: 'Alpha' }, { name: 'b', message: 'Beta' }, { name: 'c', message: 'Gamma' }];
  const picked = askSelect('Pick', choices, 'b');
  await term.when('Gamma', KEY.down, KEY.enter);
  t.is(await picked, 'c');
});

test.serial('Esc throws GoBack, a cancellation; Ctrl-C throws a plain CancelledError', async (t) => {
  const term = fakeTerminal();
  const back = askConfirm('Sure?');
  await term.when('Sure?', KEY.esc);
  const esc = await t.throwsAsync(back, { instanceOf: GoBack });
  t.true(esc instanceof CancelledError, 'outside a wizard Esc still cancels');
  const stop = askText('Name');
  await term.when('Name', KEY.ctrlC);
  const ctrlC = await t.throwsAsync(stop, { instanceOf: CancelledError });
  t.false(ctrlC instanceof GoBack);
  t.is(ctrlC?.message, 'Cancelled: nothing was sent.');
});

test.serial('askPick offers the list plus typing, and Esc while typing returns to the list', async (t) => {
  const term = fakeTerminal();
  const check = (v: string): string | undefined => (v.startsWith('tcr-') ? undefined : 'use the instance id');
  const picked = askPick('Registry', [{ name: 'tcr-one', message: 'tcr-one  prod' }], { message: 'Registry id', check });
  await term.when('tcr-one  prod', KEY.down, KEY.enter);
  await term.when('Registry id', KEY.esc);
  await term.when('tcr-one  prod', KEY.enter);
  t.is(await picked, 'tcr-one');

  const typed = askPick('Registry', [{ name: 'tcr-one', message: 'tcr-one  prod' }], { message: 'Registry id', check });
  await term.when('tcr-one  prod', KEY.down, KEY.enter);
  await term.when('Registry id', 'tcr-two', KEY.enter);
  t.is(await typed, 'tcr-two');
});

test.serial('askPick without a list asks for the value to be typed', async (t) => {
  const term = fakeTerminal();
  const typed = askPick('Registry', undefined, { message: 'Registry id', check: () => undefined });
  await term.when('Registry id', 'tcr-x', KEY.enter);
  t.is(await typed, 'tcr-x');
});

test.serial('askExport: declining, or Esc, exports nothing; accepting offers a path for the chosen format', async (t) => {
  const term = fakeTerminal();
  const path = (format: string): string => `data/team.results.${format}`;
  const declined = askExport(path, () => undefined);
  await term.when('Export results?', 'n');
  t.is(await declined, undefined);

  const escaped = askExport(path, () => undefined);
  await term.when('Export results?', KEY.esc);
  t.is(await escaped, undefined);

  const accepted = askExport(path, (p) => (p.endsWith('.jsonl') ? undefined : 'name it .jsonl'));
  await term.when('Export results?', 'y');
  await term.when('Format', KEY.down, KEY.down, KEY.enter);
  await term.when('data/team.results.jsonl', KEY.enter);
  t.is(await accepted, 'data/team.results.jsonl');
});

test.serial('off a terminal a question fails naming the flag to pass instead', async (t) => {
  fakeTerminal(false);
  const error = await t.throwsAsync(askConfirm('Create 3 policies?'), { instanceOf: UsageError });
  t.is(error?.hint, 'pass --yes');
  const named = await t.throwsAsync(askText('Namespace', { flag: '--namespace' }), { instanceOf: UsageError });
  t.is(named?.hint, 'pass --namespace');
});
