import type { AttachmentMimeType } from '@tec/shared';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Executable and script headers that must never pass as text (Windows PE, ELF, Mach-O, shebang scripts). */
function looksExecutable(bytes: Buffer): boolean {
  if (bytes.length >= 2 && bytes[0] === 0x4d && bytes[1] === 0x5a) return true; // MZ
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x7f454c46) return true; // \x7fELF
  if (bytes.length >= 4 && [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(bytes.readUInt32BE(0))) return true;
  if (bytes.length >= 2 && bytes[0] === 0x23 && bytes[1] === 0x21) return true; // #!
  return false;
}

/**
 * The type of a file from its first bytes (magic numbers). The client's file name and declared type are never
 * trusted: a `.png` that starts with `MZ` is an executable and is refused. Plain text must be valid UTF-8
 * without NUL bytes or control characters and must not start like an executable or script.
 */
export function sniffAttachmentType(bytes: Buffer): AttachmentMimeType | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 6 && ['GIF87a', 'GIF89a'].includes(bytes.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (looksExecutable(bytes)) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(bytes.toString('latin1'))) return null;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) return null;
  return 'text/plain';
}

/** Pixel size of PNG, GIF and JPEG images from their headers (for the preview's layout), or nulls. */
/**
 * The largest image the school accepts, by the pixel count its header declares (40 MP ≈ 160 MB decoded). A small
 * file can declare 100000 × 100000 pixels: every browser that previews it would try to decode 40 GB.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** True when the declared size is beyond MAX_IMAGE_PIXELS (a decompression bomb by its header). */
export function isImageBomb(size: { width: number | null; height: number | null }): boolean {
  return size.width !== null && size.height !== null && size.width * size.height > MAX_IMAGE_PIXELS;
}

export function imageSize(bytes: Buffer, type: AttachmentMimeType): { width: number | null; height: number | null } {
  try {
    if (type === 'image/png' && bytes.length >= 24) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
    if (type === 'image/gif' && bytes.length >= 10) return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
    if (type === 'image/jpeg') {
      let offset = 2;
      while (offset + 9 < bytes.length) {
        if (bytes[offset] !== 0xff) return { width: null, height: null };
        const marker = bytes[offset + 1]!;
        const length = bytes.readUInt16BE(offset + 2);
        if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
          return { width: bytes.readUInt16BE(offset + 7), height: bytes.readUInt16BE(offset + 5) };
        }
        offset += 2 + length;
      }
    }
  } catch {
    // A truncated header: no size, the preview still works.
  }
  return { width: null, height: null };
}

/**
 * The uploader's name, cleaned for display and for Content-Disposition: only the last path segment (both `/` and
 * `\`), no control characters, no leading dots, at most 120 characters. It is never used to store the file.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').replace(/^[.\s]+/, '').trim().slice(0, 120);
  return cleaned.length > 0 ? cleaned : 'file';
}
