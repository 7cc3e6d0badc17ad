// Keyset cursors: where a page ended (a time to the millisecond and the row's id), as an opaque string, so that the
// next page starts exactly after that row however many rows arrived meanwhile.
import { InvalidInputError } from "@/lib/errors";

export interface Keyset {
  at: Date;
  id: string;
}

const CURSOR = /^(\d{1,15})\.([\w-]{1,64})$/;

export function encodeCursor(at: Date | string, id: string): string {
  return `${new Date(at).getTime()}.${id}`;
}

/** The cursor's position; a malformed one (or one whose id does not match `id`) is refused in words a page can show. */
export function decodeCursor(cursor: string, id: RegExp, field = "after"): Keyset {
  const match = CURSOR.exec(cursor);
  if (!match || !id.test(match[2]!)) throw new InvalidInputError("That page does not exist any more; start from the first.", { [field]: ["is not a page"] });
  return { at: new Date(Number(match[1])), id: match[2]! };
}
