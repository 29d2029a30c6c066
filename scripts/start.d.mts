/** Where the electron package keeps its binary, or null when it was never downloaded. */
export function electronBinary(projectRoot?: string): string | null;
/** The one message `npm start` prints when the binary is missing. */
export const MISSING_ELECTRON_MESSAGE: string;
