/**
 * Default time between screen updates: 10 frames a second. Each live frame costs Ink a full
 * re-layout and re-tokenisation of the live area (several ms of CPU), whatever changed, so the
 * dashboard's CPU is mostly frames × that; 10 a second keeps spinners smooth at a third less than 15.
 */
export const DEFAULT_FRAME_MS = 100;

/**
 * Finished rows are handed to `<Static>` every this many frames (2.5 times a second), not every
 * frame: each hand-over costs Ink a second full render, and a row printed 400 ms late reads the same.
 */
export const STATIC_EVERY_FRAMES = 4;
