import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

/**
 * A real image of the given size and format: a colour gradient, so encoders treat it like a picture (not a flat
 * colour they squeeze into nothing). Made with sharp, the library chat itself uses, so no fixture files are needed.
 */
export async function testImage(width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'gif'): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 3;
      pixels[offset] = Math.round((x / width) * 255);
      pixels[offset + 1] = Math.round((y / height) * 255);
      pixels[offset + 2] = Math.round(((x + y) / (width + height)) * 255);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).toFormat(format).toBuffer();
}

/**
 * A JPEG as large as a phone's photo: the gradient of testImage plus sensor-like noise (which JPEG cannot squeeze
 * away). 4000 × 3000 gives about 5 MB; each call's noise differs.
 */
export async function testPhoto(width: number, height: number): Promise<Buffer> {
  const noise = randomBytes(width * height * 3);
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 3;
      pixels[offset] = Math.round((x / width) * 200) + (noise[offset]! % 56);
      pixels[offset + 1] = Math.round((y / height) * 200) + (noise[offset + 1]! % 56);
      pixels[offset + 2] = Math.round(((x + y) / (width + height)) * 200) + (noise[offset + 2]! % 56);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

/** A valid lossless WebP that declares 8000 × 6000 pixels (48 MP) in a few dozen bytes: a decompression bomb. */
export async function webpBomb(): Promise<Buffer> {
  return sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#ffffff' } }).webp({ lossless: true, effort: 0 }).toBuffer();
}

/** A PNG whose header declares 100000 × 100000 pixels, with nothing behind it. */
export function pngHeaderBomb(): Buffer {
  const size = Buffer.alloc(8);
  size.writeUInt32BE(100_000, 0);
  size.writeUInt32BE(100_000, 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), size, Buffer.from([8, 6, 0, 0, 0]), Buffer.alloc(36)]);
}

/** Pixel size and format of an encoded image, read back with sharp. */
export async function imageInfo(bytes: Buffer): Promise<{ format: string | undefined; width: number | undefined; height: number | undefined }> {
  const { format, width, height } = await sharp(bytes).metadata();
  return { format, width, height };
}
