/**
 * The CLI's only way to the terminal: everything written to stdout or stderr goes through visibleLines, so a
 * report field or an error message cannot act on the terminal (see common/terminal-text). Tables escape
 * each field with `visible` before laying it out, so a line break in a field cannot forge a row either.
 */
import { visibleLines } from '../../common/terminal-text';

export const writeOut = (text: string): void => void process.stdout.write(visibleLines(text));
export const writeErr = (text: string): void => void process.stderr.write(visibleLines(text));
