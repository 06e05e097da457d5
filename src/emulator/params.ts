import { ApiError, ErrorCode, missingParameter } from './api-error.js';

/** A request body after JSON parsing: always an object (the pipeline refuses anything else). */
export type Params = Readonly<Record<string, unknown>>;

/** The API gateway refuses parameters an action does not define; so does the emulator, to catch typos. */
export function rejectUnknownParameters(params: Params, known: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) {
      throw new ApiError(ErrorCode.UnknownParameter, `The parameter \`${key}\` is not recognized.`);
    }
  }
}

function wrongType(name: string, type: string): ApiError {
  return new ApiError(ErrorCode.InvalidParameter, `The parameter \`${name}\` must be of type ${type}.`);
}

/** The SDK drops nulls before sending; the emulator treats an explicit null the same as absent. */
function present(params: Params, name: string): unknown {
  const value = params[name];
  return value === null ? undefined : value;
}

/**
 * A required string. Absent: MissingParameter. Empty: `emptyCode` (each product words that differently),
 * unless `allowEmpty`.
 */
export function requiredString(
  params: Params,
  name: string,
  options: { readonly emptyCode?: string; readonly allowEmpty?: boolean } = {},
): string {
  const value = present(params, name);
  if (value === undefined) throw missingParameter(name);
  if (typeof value !== 'string') throw wrongType(name, 'String');
  if (value.trim() === '' && !options.allowEmpty) {
    throw new ApiError(options.emptyCode ?? ErrorCode.InvalidParameterValue, `The parameter \`${name}\` must not be empty.`);
  }
  return value;
}

export function optionalString(params: Params, name: string): string | undefined {
  const value = present(params, name);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw wrongType(name, 'String');
  return value;
}

export function optionalBoolean(params: Params, name: string): boolean | undefined {
  const value = present(params, name);
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw wrongType(name, 'Boolean');
  return value;
}

export function optionalInteger(
  params: Params,
  name: string,
  range: { readonly min: number; readonly max?: number },
): number | undefined {
  const value = present(params, name);
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(name, 'Integer');
  if (value < range.min || (range.max !== undefined && value > range.max)) {
    const bounds = range.max === undefined ? `at least ${range.min}` : `from ${range.min} to ${range.max}`;
    throw new ApiError(ErrorCode.InvalidParameterValue, `The parameter \`${name}\` must be ${bounds}; got ${value}.`);
  }
  return value;
}

export function optionalStringList(params: Params, name: string): string[] | undefined {
  const value = present(params, name);
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw wrongType(name, 'Array of String');
  return value as string[];
}

export interface Filter {
  readonly Name: string;
  readonly Values: readonly string[];
}

/** `Filters: [{Name, Values}]`, each name checked against what the action supports. */
export function optionalFilters(params: Params, supported: readonly string[]): Filter[] {
  const value = present(params, 'Filters');
  if (value === undefined) return [];
  const shapeOk = (f: unknown): f is Filter =>
    typeof f === 'object' && f !== null && typeof (f as Filter).Name === 'string' &&
    Array.isArray((f as Filter).Values) && (f as Filter).Values.every((v) => typeof v === 'string');
  if (!Array.isArray(value) || !value.every(shapeOk)) throw wrongType('Filters', 'Array of Filter');
  for (const filter of value) {
    if (!supported.includes(filter.Name)) {
      throw new ApiError(
        ErrorCode.InvalidParameterValue,
        `The filter \`${filter.Name}\` is not supported; use one of ${supported.join(', ')}.`,
      );
    }
  }
  return value;
}
