/** svisor's version and the supervisor version it matches. */

/** svisor's own version. */
export const VERSION = "0.1.0";

/** The supervisor release whose behaviour svisor copies. */
export const SUPERVISOR_VERSION = "4.2.5";
