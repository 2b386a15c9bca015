/** The FileProbe port on Deno: stat a command path and judge executability from its mode bits. */

import type { FileFacts, FileProbe } from "../core/ports.ts";

/** Probes paths with Deno.statSync, for the daemon's own uid and gid. */
export function denoFileProbe(): FileProbe {
  const uid = Deno.uid() ?? -1;
  const gid = Deno.gid() ?? -1;
  return {
    probe(path: string): FileFacts | null {
      let info: Deno.FileInfo;
      try {
        info = Deno.statSync(path);
      } catch {
        return null;
      }
      return {
        isFile: info.isFile,
        isDirectory: info.isDirectory,
        executable: info.isFile && canExecute(info, uid, gid),
      };
    },
  };
}

function canExecute(info: Deno.FileInfo, uid: number, gid: number): boolean {
  const mode = info.mode ?? 0;
  if (uid === 0) return (mode & 0o111) !== 0;
  if (info.uid === uid) return (mode & 0o100) !== 0;
  if (info.gid === gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}
