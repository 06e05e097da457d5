/** Both ends on a terminal: questions may be asked (the confirmation, the export offered at the end). */
export const interactive = (): boolean => process.stdin.isTTY === true && process.stdout.isTTY === true;
