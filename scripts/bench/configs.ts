/** Config files for the benchmark workloads: the same text is given to svisor and to supervisord. */

/** Options shared by every benchmark config. */
export interface BenchConfigOptions {
  /** The run directory (socket, logs, pidfile). */
  dir: string;
  /** TCP port of the inet server (used for RPC polling and the API workload). */
  port: number;
}

/** The [supervisord]/servers part of a config. */
export function header(o: BenchConfigOptions): string {
  return `[unix_http_server]
file = ${o.dir}/ctl.sock

[inet_http_server]
port = 127.0.0.1:${o.port}

[supervisord]
logfile = ${o.dir}/daemon.log
pidfile = ${o.dir}/daemon.pid
childlogdir = ${o.dir}
minfds = 1024
loglevel = info

[supervisorctl]
serverurl = unix://${o.dir}/ctl.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
`;
}

/** N programs of `sleep`, started at once (startsecs=0), logs to NONE so disk is not measured. */
export function sleepers(o: BenchConfigOptions, n: number): string {
  let text = header(o);
  for (let i = 0; i < n; i++) {
    text += `
[program:sleep_${String(i).padStart(4, "0")}]
command = /bin/sleep 100000
startsecs = 0
stopwaitsecs = 5
stdout_logfile = NONE
stderr_logfile = NONE
`;
  }
  return text;
}

/** One program writing `lines` numbered lines (`bytes` in all) as fast as it can, through 5 MB rotations. */
export function spew(o: BenchConfigOptions, writer: string, lines: number, bytes: number): string {
  return header(o) + `
[program:spew]
command = /usr/bin/python3 ${writer} ${lines} ${o.dir}/spew.go
startsecs = 0
autorestart = false
stdout_logfile = ${o.dir}/spew.log
stdout_logfile_maxbytes = 5MB
stdout_logfile_backups = ${Math.ceil(bytes / (5 * 1024 * 1024)) + 5}
stderr_logfile = NONE
`;
}

/** `count` programs each writing about `rate` lines a second. */
export function chatty(o: BenchConfigOptions, writer: string, count: number, rate: number): string {
  let text = header(o);
  for (let i = 0; i < count; i++) {
    text += `
[program:chatty_${String(i).padStart(2, "0")}]
command = /usr/bin/python3 ${writer} ${rate}
startsecs = 0
stdout_logfile = ${o.dir}/chatty_${i}.log
stdout_logfile_maxbytes = 5MB
stdout_logfile_backups = 1
stderr_logfile = NONE
`;
  }
  return text;
}

/** One program that records its start and exit times, then exits 0 after a moment, forever. */
export function crasher(o: BenchConfigOptions, record: string): string {
  return header(o) + `
[program:crasher]
command = /bin/sh -c 'echo "start $(date +%%s%%N)" >> ${record}; sleep 0.2; echo "exit $(date +%%s%%N)" >> ${record}; exit 0'
startsecs = 0
autorestart = true
stdout_logfile = NONE
stderr_logfile = NONE
`;
}
