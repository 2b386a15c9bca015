/** The tokens a child writes around a block of output for capture mode (PROCESS_COMMUNICATION events). */

/** Starts a captured block. */
export const CAPTURE_BEGIN = "<!--XSUPERVISOR:BEGIN-->";

/** Ends a captured block. */
export const CAPTURE_END = "<!--XSUPERVISOR:END-->";
