import sharp from 'sharp';
import { ATTACHMENT_THUMBNAIL_MAX_PX, DomainError } from '@tec/shared';
import { isImageBomb, MAX_IMAGE_PIXELS } from './file-type';

// A service holds no image between requests; libvips' cache would keep decoded images (up to 50 MB) around.
sharp.cache(false);

/** An image that takes longer than this to decode and shrink is refused (a crafted file, not a photo). */
const DECODE_TIMEOUT_SECONDS = 10;

export interface ReadImage {
  /** The original's pixel size, from its header. */
  width: number;
  height: number;
  /** WebP, at most ATTACHMENT_THUMBNAIL_MAX_PX on its longer side, never enlarged, turned upright (EXIF). */
  thumbnail: { bytes: Buffer; width: number; height: number };
}

export const imageBombError = () =>
  DomainError.validation({ file: 'image dimensions too large' }, `Images can be at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`);

const unreadable = () => DomainError.validation({ file: 'not a readable image' }, 'The image could not be read');

/**
 * Reads an uploaded image (PNG, JPEG, GIF's first frame, WebP) and makes its thumbnail with sharp (libvips).
 * The size is read from the header first and a decompression bomb (more than MAX_IMAGE_PIXELS declared: a 38-byte
 * WebP can declare 8000 × 6000) is refused before anything is decoded; libvips' own pixel limit stays on as a
 * second guard. A file whose header or pixels libvips cannot read is refused, as no browser could show it either.
 */
export async function readImage(bytes: Buffer): Promise<ReadImage> {
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = await sharp(bytes, { limitInputPixels: false }).metadata());
  } catch {
    throw unreadable();
  }
  if (!width || !height) throw unreadable();
  if (isImageBomb({ width, height })) throw imageBombError();
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error', autoOrient: true })
      .resize(ATTACHMENT_THUMBNAIL_MAX_PX, ATTACHMENT_THUMBNAIL_MAX_PX, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
      .toBuffer({ resolveWithObject: true });
    return { width, height, thumbnail: { bytes: data, width: info.width, height: info.height } };
  } catch {
    throw unreadable();
  }
}
