/** svisor's own version (the wire versions are in protocol/versions.ts). */

/** svisor's own version. */
export const VERSION = "0.1.0";
