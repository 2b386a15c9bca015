/** The byte counts both ends of a log read agree on: supervisorctl's tail window and supervisor's /logtail backlog. */

/** supervisorctl's `tail` and `maintail` window; also the JSON API's default read and tail. */
export const TAIL_BYTES = 1600;

/** How much of a log /logtail and /mainlogtail send before live output (and the JSON follows' default). */
export const FOLLOW_BACKLOG_BYTES = 1024;
