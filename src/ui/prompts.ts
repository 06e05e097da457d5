import { createRequire } from 'node:module';
import { CancelledError, UsageError } from '../core/errors.js';
import stringWidth from 'string-width';
import { fitCells } from './fit-cells.js';
import { resolveTheme } from './terminal-theme.js';
import { t } from '../i18n/messages.js';

/**
 * Every enquirer question the tool asks lives here, as small async functions. Esc throws GoBack,
 * Ctrl-C throws CancelledError; nothing here calls process.exit.
 */
type Enquirer = typeof import('enquirer');

/** Esc: the user wants the previous question back. Outside a wizard it is a plain cancellation. */
export class GoBack extends CancelledError {
  constructor() {
    super(t('wiz.cancelled'));
    this.name = 'GoBack';
  }
}

/** Where prompts read keys and draw; tests swap in fake streams. */
export interface PromptStreams {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
}

let streams: PromptStreams | undefined;
/** For tests: ask on these streams instead of the process's own (undefined restores them). */
export function usePromptStreams(next: PromptStreams | undefined): void {
  streams = next;
}

let loaded: Promise<Enquirer> | undefined;
async function enquirer(): Promise<Enquirer> {
  // enquirer is CommonJS: its exports arrive as the default export of the ESM wrapper.
  loaded ??= import('enquirer').then((m) => {
    if (!resolveTheme(process.env).color) withoutColour();
    const loadedEnquirer = (m as unknown as { default: Enquirer }).default;
    // register() is enquirer's documented way to add a prompt type; it adds it for every instance.
    new loadedEnquirer().register({ [FILTERED_LIST]: filteredList } as unknown as Parameters<InstanceType<Enquirer>['register']>[0]);
    return loadedEnquirer;
  });
  return loaded;
}

const FILTERED_LIST = 'filteredlist';

/** What of enquirer's (untyped) list prompts the filtered list uses. */
interface ListPrompt {
  index: number;
  choices: unknown[];
  readonly limit: number;
  reset(): Promise<void>;
  pointer(choice: unknown, i: number): unknown;
}
type ListPromptClass = new (options: unknown) => ListPrompt;

/**
 * A long list: enquirer's autocomplete (typing filters it), with the select's pointer put back
 * (autocomplete marks the focused line by colour alone, which NO_COLOR removes), and opened
 * scrolled so that the default is on screen: enquirer shows only the first `limit` lines, and a
 * default below them left the pointer, and the Down key, out of sight.
 */
function filteredList(_basePrompt: unknown, instance: { readonly prompts: { readonly AutoComplete: ListPromptClass; readonly Select: ListPromptClass } }): ListPromptClass {
  const { AutoComplete, Select } = instance.prompts;
  return class FilteredList extends AutoComplete {
    override pointer(choice: unknown, i: number): unknown {
      return Select.prototype.pointer.call(this, choice, i);
    }

    override async reset(): Promise<void> {
      await super.reset();
      const { index, limit } = this;
      const all = this.choices;
      if (index < limit) return;
      // enquirer scrolls by rotating its list; the default goes mid-window, the list's end kept last where it can.
      const shift = Math.min(index - Math.floor(limit / 2), all.length - limit);
      this.choices = [...all.slice(shift), ...all.slice(0, shift)];
      this.index = index - shift;
    }
  };
}

/**
 * enquirer styles every prompt through its own copy of ansi-colors, which heeds only FORCE_COLOR=0:
 * NO_COLOR and TERM=dumb have to switch it off by hand (its `enabled` flag is the documented way).
 */
function withoutColour(): void {
  const fromEnquirer = createRequire(createRequire(import.meta.url).resolve('enquirer'));
  (fromEnquirer('ansi-colors') as { enabled: boolean }).enabled = false;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

interface Key {
  readonly name?: string;
  readonly ctrl?: boolean;
}

/**
 * Runs one enquirer prompt and returns its answer. enquirer rejects with an empty string for both
 * Esc and Ctrl-C; the last key pressed tells them apart. `flag` names what to pass instead when
 * there is no terminal to ask on.
 */
export async function ask<T>(question: Record<string, unknown>, flag?: string, stop?: AbortSignal): Promise<T> {
  const stdin = streams?.stdin ?? process.stdin;
  const stdout = streams?.stdout ?? process.stdout;
  if (!stdin.isTTY || !stdout.isTTY) {
    throw new UsageError(t('prompt.notTerminal', { question: String(question.message) }), flag ? t('prompt.pass', { flag }) : t('prompt.runOnTerminal'));
  }
  // Ink unrefs stdin when its dashboard unmounts; a question after it would let the process exit under it.
  (stdin as { ref?: () => void }).ref?.();
  // The static `prompt` getter makes a fresh function each time, mixed in with an EventEmitter that
  // every prompt event bubbles to (its typings leave that out): listeners stay with this question.
  const { prompt } = await enquirer();
  let lastKey: Key | undefined;
  (prompt as unknown as NodeJS.EventEmitter).on('keypress', (_input: string, key: Key) => {
    lastKey = key;
  });
  // A stop (SIGTERM, SIGHUP) cancels the question as Ctrl-C would, so the terminal is given back.
  let asked: { cancel(): Promise<void> } | undefined;
  const cancel = (): void => void asked?.cancel();
  const ours = new Set(SIGNALS.flatMap((signal) => process.listeners(signal)));
  (prompt as unknown as NodeJS.EventEmitter).on('prompt', (p: { cancel(): Promise<void> }) => {
    asked = p;
    // enquirer's own SIGINT/SIGTERM listeners exit the process at once; a run that owns the signals
    // (it passes `stop`) takes them off, so the stop writes every row's result first.
    if (stop) for (const signal of SIGNALS) for (const l of process.listeners(signal)) if (!ours.has(l)) process.off(signal, l);
    if (stop?.aborted) cancel();
  });
  stop?.addEventListener('abort', cancel, { once: true });
  try {
    const answers = (await prompt({ name: 'value', stdin, stdout, ...question } as Parameters<Enquirer['prompt']>[0])) as { value: T };
    return answers.value;
  } catch (error) {
    if (error !== '' && error !== undefined) throw error;
    if (lastKey?.name === 'escape') throw new GoBack();
    throw new CancelledError(t('wiz.cancelled'));
  } finally {
    stop?.removeEventListener('abort', cancel);
  }
}

export async function askConfirm(message: string, initial = false, flag = '--yes', stop?: AbortSignal): Promise<boolean> {
  return ask<boolean>({ type: 'confirm', message, initial, format: showYesNo }, flag, stop);
}

/** "yes"/"no" once answered, rather than enquirer's true/false; nothing while (y/N) shows the default. */
function showYesNo(this: Pick<SelectView, 'state'> & { readonly styles: { success(text: string): string } }, value: unknown): string {
  return this.state.submitted && !this.state.cancelled ? this.styles.success(value ? 'yes' : 'no') : '';
}

/** One line of a list question: `name` is what the answer is, `message` what the user sees. */
export interface ChoiceItem<T extends string = string> {
  readonly name: T;
  readonly message: string;
  /** Dimmed text after the message. */
  readonly hint?: string;
  /** Shown dimmed and not selectable (say why in the hint). */
  readonly disabled?: boolean;
}

const LIST_LIMIT = 12;

/** Pick one of a list with the arrow keys; long lists scroll, and typing filters them. */
export async function askSelect<T extends string>(message: string, choices: readonly ChoiceItem<T>[], initial?: T, flag?: string): Promise<T> {
  const index = initial === undefined ? -1 : choices.findIndex((c) => c.name === initial && !c.disabled);
  const first = index >= 0 ? index : Math.max(0, choices.findIndex((c) => !c.disabled));
  // enquirer mutates the choices it is given: pass copies. Hints in parentheses stay readable without colour.
  const columns = (streams?.stdout ?? process.stdout).columns || Infinity;
  const copies = choices.map((c) => fitChoice({ ...c, hint: c.hint ? `(${c.hint})` : undefined }, columns));
  // A list longer than the screen filters as the user types, and opens at its default.
  const type = choices.length > LIST_LIMIT ? FILTERED_LIST : 'select';
  return ask<T>({ type, message, choices: copies, initial: first, limit: LIST_LIMIT, format: type === FILTERED_LIST ? showTyped : showChosen }, flag);
}

/** Cells before a choice's text: the pointer and its space. */
const POINTER_CELLS = 2;

/**
 * A choice kept to one line of the terminal: the terminal would wrap a longer one mid-word, and
 * enquirer, counting it as one line, would redraw the list over the wrong lines. The hint gives way first.
 */
function fitChoice<C extends { message: string; hint?: string }>(choice: C, columns: number): C {
  const room = columns - POINTER_CELLS - 1;
  const message = fitCells(choice.message, room, '…');
  const left = room - stringWidth(message) - 1;
  const hint = choice.hint && left >= MIN_HINT ? fitCells(choice.hint, left, '…)') : undefined;
  return { ...choice, message, hint };
}

/** A hint cut shorter than this says nothing: it is left out instead. */
const MIN_HINT = 12;

interface SelectView {
  readonly state: { readonly submitted: boolean; readonly cancelled: boolean };
  readonly selected?: { readonly message: string };
  readonly styles: { primary(text: string): string };
}

/** After the answer, the question line shows the chosen line as the user saw it, not its internal name. */
function showChosen(this: SelectView): string {
  if (!this.state.submitted || this.state.cancelled || !this.selected) return '';
  return this.styles.primary(this.selected.message);
}

/** While a long list is open, what the user has typed to filter it; once answered, the chosen line. */
function showTyped(this: SelectView & { readonly input?: string }): string {
  return this.state.submitted ? showChosen.call(this) : (this.input ?? '');
}

/** A line of text, trimmed. `check` returns why the text is wrong, shown under the line until it is fixed. */
export async function askText(
  message: string,
  options: { readonly initial?: string; readonly check?: (value: string) => string | undefined; readonly flag?: string } = {},
): Promise<string> {
  const { check } = options;
  const value = await ask<string>(
    {
      type: 'input',
      message,
      initial: options.initial,
      validate: (raw: string) => (check ? (check(raw.trim()) ?? true) : true),
    },
    options.flag,
  );
  return value.trim();
}

const TYPE_IT = '\u0000type';

/**
 * Pick from a fetched list, or type the value: the list gets a last "Type …" line, and with no list
 * at all (the lookup failed, or nothing to fetch with) the question is a typed one. Esc while typing
 * returns to the list.
 */
export async function askPick(
  message: string,
  items: readonly ChoiceItem[] | undefined,
  typed: { readonly message: string; readonly check: (value: string) => string | undefined; readonly initial?: string; readonly flag?: string },
): Promise<string> {
  const listed = items && items.length > 0 ? items : undefined;
  if (!listed) return askText(typed.message, typed);
  const choices = [...listed, { name: TYPE_IT, message: t('wiz.typeIt', { message: typed.message }), hint: t('wiz.notInList') }];
  const inList = listed.some((c) => c.name === typed.initial);
  for (;;) {
    const picked = await askSelect(message, choices, inList || !typed.initial ? typed.initial : TYPE_IT, typed.flag);
    if (picked !== TYPE_IT) return picked;
    try {
      return await askText(typed.message, { ...typed, initial: inList ? undefined : typed.initial });
    } catch (error) {
      if (!(error instanceof GoBack)) throw error;
    }
  }
}

export type ExportChoice = 'csv' | 'json' | 'jsonl';

/**
 * "Export results?" at the end of a batch: a path whose extension picks the format, or undefined
 * when the user declines. Esc or Ctrl-C here only skips the export: the run is already over.
 */
export async function askExport(
  defaultPath: (format: ExportChoice) => string,
  check: (path: string) => string | undefined,
): Promise<string | undefined> {
  // A dumb terminal cannot redraw a question; the closing lines name the journal, which has every row.
  if (process.env.TERM === 'dumb') return undefined;
  try {
    if (!(await askConfirm(t('prompt.export'), false, '--out FILE'))) return undefined;
    const format = await askSelect<ExportChoice>(t('prompt.format'), [
      { name: 'csv', message: 'csv', hint: t('prompt.csvHint') },
      { name: 'json', message: 'json', hint: t('prompt.jsonHint') },
      { name: 'jsonl', message: 'jsonl', hint: t('prompt.jsonlHint') },
    ]);
    return await askText(t('prompt.saveTo'), { initial: defaultPath(format), check, flag: '--out FILE' });
  } catch (error) {
    if (error instanceof CancelledError) return undefined;
    throw error;
  }
}
