import { EMULATOR_NOTE, GLOBAL_OPTIONS, SEND_OPTIONS, type CommandSpec, type OptionSpec } from '../cli/command-specs.js';
import { helpMirror } from './messages.js';

/** A command's help mirrored in another language: what is missing falls back to the table's English (test/i18n-catalogue.test.ts forbids that). */
export interface HelpMirror {
  readonly commands: Readonly<Record<string, { readonly summary: string; readonly description?: string; readonly options?: Readonly<Record<string, string>> }>>;
  /** The shared flags (SEND_OPTIONS, GLOBAL_OPTIONS) by name, wherever a command takes them unchanged. */
  readonly options: Readonly<Record<string, string>>;
  readonly emulatorNote: string;
  readonly emulatorUsage: string;
}

const sharedOption = (name: string): OptionSpec | undefined => SEND_OPTIONS[name] ?? GLOBAL_OPTIONS[name];

/** The help text of the command table in the run's language: English is the table itself. */
export function helpText(mirror: HelpMirror | undefined = helpMirror()) {
  return {
    summary: (spec: CommandSpec): string => mirror?.commands[spec.name]?.summary ?? spec.summary,
    description: (spec: CommandSpec): string | undefined =>
      spec.description === undefined ? undefined : mirror?.commands[spec.name]?.description ?? spec.description,
    option(spec: CommandSpec | undefined, name: string, o: OptionSpec): string {
      const own = spec ? mirror?.commands[spec.name]?.options?.[name] : undefined;
      const shared = sharedOption(name)?.description === o.description ? mirror?.options[name] : undefined;
      return own ?? shared ?? o.description;
    },
    emulatorNote: (): string => mirror?.emulatorNote ?? EMULATOR_NOTE,
    emulatorUsage: (english: string): string => mirror?.emulatorUsage ?? english,
  };
}
