// A received file's first bytes against the type it claims (attachments) or to find its type (the connect logo).
import { describe, expect, it } from "vitest";
import { bytesFitType, typeOfBytes } from "@/lib/http/file-signatures";

const bytes = (...parts: (number[] | string)[]) => Uint8Array.from(parts.flatMap((part) => (typeof part === "string" ? [...part].map((c) => c.charCodeAt(0)) : part)));
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0]);
const GIF = bytes("GIF89a", [1, 0]);
const WEBP = bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 ");
const PDF = bytes("%PDF-1.7");
const SVG = bytes('<svg xmlns="http://www.w3.org/2000/svg"/>');
const IMAGES = ["image/png", "image/jpeg", "image/gif", "image/webp"];

describe("file signatures", () => {
  it("tell each type from its first bytes, and an SVG or a PDF as none of the images", () => {
    expect([PNG, JPEG, GIF, WEBP, PDF, SVG].map((head) => typeOfBytes(head, IMAGES))).toEqual([...IMAGES, null, null]);
    expect(typeOfBytes(PDF, ["application/pdf"])).toBe("application/pdf");
    expect(typeOfBytes(new Uint8Array(0), IMAGES)).toBeNull();
  });

  it("refuse bytes that are not what the declared type says, and let through a type whose bytes tell nothing", () => {
    expect(bytesFitType("image/png", PNG)).toBe(true);
    expect(bytesFitType("image/png", SVG)).toBe(false);
    expect(bytesFitType("application/pdf", JPEG)).toBe(false);
    expect(bytesFitType("text/plain", SVG)).toBe(true);
  });
});
