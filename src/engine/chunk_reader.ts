/**
 * Reads a child's output stream in chunks whose size follows the traffic: a quiet stream waits with
 * a small buffer, a busy one reads up to the pipe's size at a time. A default reader would keep a
 * 64 KiB buffer pending on every idle stream (128 MiB for 1,000 programs' stdout and stderr).
 */

/**
 * The buffer a quiet stream waits with: small, since every idle stream holds one (two per
 * program); a busy stream doubles it at each full read.
 */
export const MIN_READ = 256;
/** The largest read (Linux's default pipe capacity), unless the source is widened. */
export const MAX_READ = 64 * 1024;

/** The next read size after a read of `got` bytes into a buffer of `size`, at most `max`. */
export function nextReadSize(size: number, got: number, max = MAX_READ): number {
  if (got >= size) return Math.min(max, size * 2);
  if (got < size / 4) return Math.max(MIN_READ, size / 2);
  return size;
}

/** A source of chunks that can be cancelled while a read is pending. */
export interface ChunkSource {
  /**
   * The next chunk, or null at the end of the stream. The chunk's bytes are valid until the next
   * call: the buffer is reused (so a busy stream allocates nothing per read).
   */
  read(): Promise<Uint8Array | null>;
  /** Ends the stream (a pending read resolves as the end). */
  cancel(): Promise<void>;
  /** Lets go of the stream. */
  release(): void;
  /** Lets reads grow to `max` bytes (the pipe was made that large). */
  widen(max: number): void;
}

/** Reads `stream` with adaptive buffers when it is a byte stream, else chunk by chunk. */
export function chunkSource(stream: ReadableStream<Uint8Array>): ChunkSource {
  let byob: ReadableStreamBYOBReader;
  try {
    byob = stream.getReader({ mode: "byob" });
  } catch {
    const reader = stream.getReader();
    return {
      read: async () => {
        const { value, done } = await reader.read();
        return done ? null : value;
      },
      cancel: () => reader.cancel(),
      release: () => reader.releaseLock(),
      widen: () => {},
    };
  }
  let buffer = new ArrayBuffer(MIN_READ);
  let max = MAX_READ;
  return {
    read: async () => {
      const { value, done } = await byob.read(new Uint8Array(buffer));
      if (done || value === undefined) return null;
      // The read transferred the buffer into `value`; the next read reuses it unless the size
      // changes.
      const size = nextReadSize(value.buffer.byteLength, value.length, max);
      buffer = size === value.buffer.byteLength
        ? value.buffer as ArrayBuffer
        : new ArrayBuffer(size);
      return value;
    },
    cancel: () => byob.cancel(),
    release: () => byob.releaseLock(),
    widen: (bytes) => {
      max = Math.max(MAX_READ, bytes);
    },
  };
}
