/**
 * The reader's default bounds, apart from the reader itself so that the commands and the server
 * can name them without loading it.
 */

/** Files larger than this are not read unless a caller allows more (a finding says so). */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
/** Time allowed for a PDF (the only reader that is not bounded by its input). */
export const DEFAULT_TIMEOUT_MS = 30_000;
