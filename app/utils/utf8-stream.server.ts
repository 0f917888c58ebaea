// React 18.3.1's Node streaming renderer (react-dom/server renderToPipeableStream) encodes markup into a
// 2048-byte view with TextEncoder.encodeInto. When a multi-byte UTF-8 character does not fit in the bytes
// left in the view, encodeInto stops before it and React then sends the *whole* view, so the 1-3 bytes it
// never wrote go out as 0x00 right before that character (upstream fix facebook/react#26228, only in
// React 19). Such a view is always exactly VIEW_SIZE bytes and ends in those zeros, so trimming trailing
// zeros from exactly-2048-byte chunks removes the garbage and nothing else: HTML has no legitimate NUL.
import { Transform, type TransformCallback } from "node:stream";

/** React's internal view size (react-dom-server.node: VIEW_SIZE). */
export const REACT_VIEW_SIZE = 2048;

/** The bytes of one chunk React wrote, without the unwritten tail of a prematurely flushed view. */
export function trimUnwrittenViewTail(chunk: Uint8Array): Uint8Array {
  if (chunk.byteLength !== REACT_VIEW_SIZE || chunk[REACT_VIEW_SIZE - 1] !== 0) return chunk;
  let end = REACT_VIEW_SIZE;
  // A UTF-8 character is at most 4 bytes, so at most 3 bytes of a view can be left unwritten.
  while (end > REACT_VIEW_SIZE - 3 && chunk[end - 1] === 0) end--;
  return chunk.subarray(0, end);
}

/** A pass-through for renderToPipeableStream's output that drops the NUL bytes of React 18's view bug. */
export function reactUtf8Fix(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      callback(null, trimUnwrittenViewTail(chunk));
    },
  });
}
