// What a received file's first bytes say it is, for the types whose bytes say so: the type a client declares for an
// upload is only its word (a page named .png is not an image). One table for every upload that cares.

const ascii = (bytes: Uint8Array, at: number, text: string) => [...text].every((char, i) => bytes[at + i] === char.charCodeAt(0));

const SIGNATURES: Record<string, (bytes: Uint8Array) => boolean> = {
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/png": (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, i) => b[i] === byte),
  "image/gif": (b) => ascii(b, 0, "GIF8"),
  "image/webp": (b) => ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP"),
  "application/pdf": (b) => ascii(b, 0, "%PDF-"),
};

/** How many leading bytes the checks read. */
export const SIGNATURE_BYTES = 16;

/** Whether the leading bytes can be of `type`: true for a type whose bytes tell nothing here. */
export function bytesFitType(type: string, head: Uint8Array): boolean {
  return SIGNATURES[type]?.(head) ?? true;
}

/** Which of `types` (each with a signature here) the leading bytes are, or null when none. */
export function typeOfBytes(head: Uint8Array, types: readonly string[]): string | null {
  return types.find((type) => SIGNATURES[type]?.(head)) ?? null;
}
