// Where uploaded attachment bytes live: in memory, or in a directory when the sandbox persists its state.
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";

export interface AttachmentFiles {
  put(id: string, bytes: Uint8Array): void;
  get(id: string): Uint8Array | undefined;
  delete(id: string): void;
  clear(): void;
}

export function memoryAttachmentFiles(): AttachmentFiles {
  const files = new Map<string, Uint8Array>();
  return {
    put: (id, bytes) => void files.set(id, bytes),
    get: (id) => files.get(id),
    delete: (id) => void files.delete(id),
    clear: () => files.clear(),
  };
}

export function directoryAttachmentFiles(directory: string): AttachmentFiles {
  const file = (id: string) => path.join(directory, id.replace(/[^0-9A-Za-z]/g, ""));
  return {
    put(id, bytes) {
      mkdirSync(directory, { recursive: true });
      writeFileSync(file(id), bytes);
    },
    get: (id) => (existsSync(file(id)) ? new Uint8Array(readFileSync(file(id))) : undefined),
    delete: (id) => rmSync(file(id), { force: true }),
    clear: () => rmSync(directory, { recursive: true, force: true }),
  };
}
