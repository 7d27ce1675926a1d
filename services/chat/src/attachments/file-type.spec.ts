import { cleanFileName, imageSize, isImageBomb, MAX_IMAGE_PIXELS, sniffAttachmentType } from './file-type';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.from([0, 0, 1, 0, 0, 0, 0, 200]), Buffer.alloc(8)]);

describe('attachment types by magic bytes', () => {
  it('recognises images, PDF and UTF-8 text by their first bytes', () => {
    expect(sniffAttachmentType(png)).toBe('image/png');
    expect(sniffAttachmentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffAttachmentType(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBe('image/gif');
    expect(sniffAttachmentType(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffAttachmentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffAttachmentType(Buffer.from('Notes for Monday — ¿listos?\n'))).toBe('text/plain');
  });

  it('refuses executables and scripts whatever they are called', () => {
    expect(sniffAttachmentType(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'))).toBeNull();
    expect(sniffAttachmentType(Buffer.from('\x7fELF\x02\x01\x01', 'latin1'))).toBeNull();
    expect(sniffAttachmentType(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBeNull();
    expect(sniffAttachmentType(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]))).toBeNull();
    expect(sniffAttachmentType(Buffer.from([0x00, 0x01, 0x02, 0x03]))).toBeNull();
    expect(sniffAttachmentType(Buffer.from([0xc3, 0x28, 0x41]))).toBeNull();
  });

  it('reads the pixel size of a PNG', () => {
    expect(imageSize(png, 'image/png')).toEqual({ width: 256, height: 200 });
  });

  it('keeps only the last segment of a file name and drops traversal, control characters and leading dots', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('..\\..\\windows\\system32\\evil.exe')).toBe('evil.exe');
    expect(cleanFileName('../')).toBe('file');
    expect(cleanFileName('.bashrc')).toBe('bashrc');
    expect(cleanFileName('re"port\u0000\n.pdf')).toBe('report.pdf');
    expect(cleanFileName('a'.repeat(300)).length).toBe(120);
  });
});

describe('image decompression bombs (found by the security checks)', () => {
  it('flags an image whose header declares more than MAX_IMAGE_PIXELS, whatever its file size', () => {
    const png = Buffer.alloc(64);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(png);
    png.writeUInt32BE(100_000, 16);
    png.writeUInt32BE(100_000, 20);
    expect(isImageBomb(imageSize(png, 'image/png'))).toBe(true);
    png.writeUInt32BE(4000, 16);
    png.writeUInt32BE(3000, 20);
    expect(isImageBomb(imageSize(png, 'image/png'))).toBe(false);
    expect(isImageBomb({ width: MAX_IMAGE_PIXELS, height: 1 })).toBe(false);
    expect(isImageBomb({ width: null, height: null })).toBe(false);
  });
});
