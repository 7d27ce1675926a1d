/**
 * Evidence files are uploaded as multipart (the server takes up to 10 MB). Phone photos are still shrunk in a canvas
 * first, to save data: scaled to fit `maxSide`, re-encoded as JPEG, with lower quality and then smaller sides until
 * the photo fits PHOTO_TARGET_BYTES (a photo that will not shrink is sent as it is when under the limit). PDFs and
 * small images are sent as they are.
 */
export const EVIDENCE_LIMIT_BYTES = 10 * 1024 * 1024;
/** Enough for a legible photo of a document. */
export const PHOTO_TARGET_BYTES = 1024 * 1024;
const FIRST_MAX_SIDE = 2000;
const QUALITIES = [0.85, 0.72, 0.6];

/** The size to draw an image at so its longer side is at most `maxSide` (never enlarged; at least 1 px). */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: 0, height: 0 };
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The attempts, in order: each side limit with each quality, sides shrinking by 25 % a step down to 800 px. */
export function shrinkPlan(width: number, height: number): Array<{ width: number; height: number; quality: number }> {
  const plan: Array<{ width: number; height: number; quality: number }> = [];
  for (let side = FIRST_MAX_SIDE; side >= 800; side = Math.round(side * 0.75)) {
    const size = fitWithin(width, height, side);
    for (const quality of QUALITIES) plan.push({ ...size, quality });
  }
  return plan;
}

export function isShrinkableImage(type: string): boolean {
  return type === 'image/jpeg' || type === 'image/png' || type === 'image/webp' || type === 'image/heic';
}

export type PreparedEvidence = { ok: true; fileName: string; blob: Blob } | { ok: false; reason: 'too_large' | 'unreadable' | 'type' };

const ACCEPTED = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/webp']);

export async function prepareEvidence(file: File): Promise<PreparedEvidence> {
  const fitsAsIs = file.size <= EVIDENCE_LIMIT_BYTES && ACCEPTED.has(file.type);
  if (fitsAsIs && (file.type === 'application/pdf' || file.size <= PHOTO_TARGET_BYTES)) return { ok: true, fileName: file.name, blob: file };
  if (!isShrinkableImage(file.type)) return { ok: false, reason: file.type === 'application/pdf' ? 'too_large' : 'type' };
  const asIs: PreparedEvidence = fitsAsIs ? { ok: true, fileName: file.name, blob: file } : { ok: false, reason: 'too_large' };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return fitsAsIs ? asIs : { ok: false, reason: 'unreadable' };
  }
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) return fitsAsIs ? asIs : { ok: false, reason: 'unreadable' };
  try {
    for (const step of shrinkPlan(bitmap.width, bitmap.height)) {
      canvas.width = step.width;
      canvas.height = step.height;
      context.fillStyle = '#fff';
      context.fillRect(0, 0, step.width, step.height);
      context.drawImage(bitmap, 0, 0, step.width, step.height);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', step.quality));
      if (blob && blob.size <= PHOTO_TARGET_BYTES) return { ok: true, fileName: file.name.replace(/\.[^.]+$/, '') + '.jpg', blob };
    }
  } finally {
    bitmap.close();
  }
  return asIs;
}
