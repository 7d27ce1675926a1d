import archiver from 'archiver';
import type { Writable } from 'node:stream';
import type { DataExport } from '@tec/shared';

export interface ExportManifest {
  format: 'tec-data-export/1';
  exportId: string;
  userId: string;
  requestedBy: string;
  generatedAt: string;
  services: { service: string; file: string; generatedAt: string; counts: Record<string, number> }[];
}

export function buildManifest(input: { exportId: string; userId: string; requestedBy: string; exports: DataExport[] }): ExportManifest {
  return {
    format: 'tec-data-export/1',
    exportId: input.exportId,
    userId: input.userId,
    requestedBy: input.requestedBy,
    generatedAt: new Date().toISOString(),
    services: input.exports.map((part) => ({
      service: part.service,
      file: `${part.service}.json`,
      generatedAt: part.generatedAt,
      counts: Object.fromEntries(Object.entries(part.sections).map(([name, rows]) => [name, rows.length])),
    })),
  };
}

/**
 * Streams the ZIP: `manifest.json` and one `<service>.json` per service. Every part is already in hand when this
 * starts (the caller refuses to start when a service failed), so an error here is an I/O failure: the stream is
 * destroyed and the client sees a broken download, never a valid archive with a part missing.
 */
export async function streamExportZip(target: Writable, manifest: ExportManifest, exports: DataExport[]): Promise<void> {
  const archive = archiver('zip', { zlib: { level: 6 } });
  const done = new Promise<void>((resolve, reject) => {
    archive.on('error', reject);
    target.on('error', reject);
    target.on('finish', resolve);
    target.on('close', resolve);
  });
  archive.pipe(target);
  archive.append(JSON.stringify(manifest, null, 2), { name: 'manifest.json' });
  for (const part of exports) archive.append(JSON.stringify(part, null, 2), { name: `${part.service}.json` });
  await archive.finalize();
  await done;
}
