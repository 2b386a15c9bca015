/** The versions a daemon reports on the wire: supervisor's API version and the release svisor matches. */

/** The XML-RPC API version supervisorctl expects (`getAPIVersion`). */
export const API_VERSION = "3.0";

/** The supervisor release whose behaviour svisor copies (`getSupervisorVersion`, `-v`). */
export const SUPERVISOR_VERSION = "4.2.5";
