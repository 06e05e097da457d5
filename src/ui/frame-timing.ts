/** Default time between screen updates: about 15 frames a second. */
export const DEFAULT_FRAME_MS = 66;

/**
 * Finished rows are handed to `<Static>` every this many frames (about 4 times a second), not every
 * frame: each hand-over costs Ink a second full render, and a row printed 200 ms late reads the same.
 */
export const STATIC_EVERY_FRAMES = 4;
