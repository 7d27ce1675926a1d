import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import type { SchemaObject } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  ATTENDANCE_TRANSFER_BUCKET,
  attendanceRpc,
  BlobTransfer,
  DomainError,
  EVIDENCE_MAX_BYTES,
  Exemption,
  ExemptionCreateRequest,
  NATS_CONNECTION,
  parseOrThrow,
  RpcClient,
  type AuthContext,
  type NatsConnection,
  type RpcResponse,
} from '@tec/shared';
import type { GatewayConfig } from '../config';
import { discardRest, parkMultipartUpload, refuseDeclaredOverLimit } from '../http/multipart-upload';
import { lazyTransferBucket } from '../http/transfer-bucket';
import { parkedFileBody } from '../http/parked-file-body';
import { GATEWAY_CONFIG } from '../tokens';

/** Reading or writing up to EVIDENCE_MAX_BYTES through the store takes longer than a plain call. */
const EVIDENCE_RPC_TIMEOUT_MS = 60_000;
/** The form's text fields: sessionId, studentId, reason (at most 1000 characters, up to 4 bytes each). */
const FIELD_MAX_BYTES = 4096;
const FormFields = ExemptionCreateRequest.omit({ evidence: true });

const tooLarge = (maxBytes: number) =>
  new DomainError('PAYLOAD_TOO_LARGE', `The evidence file can be at most ${Math.floor(maxBytes / (1024 * 1024))} MB`, { maxBytes });
type EvidenceContent = RpcResponse<typeof attendanceRpc.exemptionEvidence>;

/**
 * Exemption requests with evidence files through the attendance-transfers object store (ATTENDANCE_TRANSFER_BUCKET),
 * so a file need not fit one NATS message. multipart/form-data: the file part is streamed into the store (refused at
 * the first byte past EVIDENCE_MAX_BYTES) and attendance takes it with the other fields, deciding who may ask. JSON
 * (small files, base64) goes to attendance as before. Large downloads come back through the same store.
 */
@Injectable()
export class EvidenceTransfers {
  private readonly transfers: () => Promise<BlobTransfer>;

  constructor(
    private readonly rpc: RpcClient,
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.transfers = lazyTransferBucket(nats, config, ATTENDANCE_TRANSFER_BUCKET);
  }

  async create(request: Request, auth: AuthContext): Promise<Exemption> {
    if (request.is('application/json')) {
      return this.rpc.call(attendanceRpc.exemptionsCreate, parseOrThrow(ExemptionCreateRequest, request.body ?? {}, 'body'), auth);
    }
    if (!request.is('multipart/form-data')) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send JSON, or multipart/form-data with the evidence in a part named "file"');
    }
    let transfers: BlobTransfer;
    let parked: Awaited<ReturnType<typeof parkMultipartUpload>>;
    try {
      refuseDeclaredOverLimit(request, EVIDENCE_MAX_BYTES, tooLarge);
      transfers = await this.transfers();
      parked = await parkMultipartUpload(request, transfers, { maxBytes: EVIDENCE_MAX_BYTES, tooLarge }, { label: 'evidence-upload', fields: { maxBytes: FIELD_MAX_BYTES } });
    } catch (error) {
      discardRest(request);
      throw error;
    }
    try {
      const fields = parseOrThrow(FormFields, parked.fields, 'body');
      const evidenceTransfer = { fileName: parked.fileName.slice(0, 200), transfer: parked.transfer };
      return await this.rpc.call(attendanceRpc.exemptionsCreate, { ...fields, evidenceTransfer }, auth, { timeoutMs: EVIDENCE_RPC_TIMEOUT_MS });
    } catch (error) {
      // Attendance removes the entry whatever it decides; this covers a refusal here or a call that never arrived.
      await transfers.remove(parked.transfer.name);
      throw error;
    }
  }

  async evidence(exemptionId: string, auth: AuthContext): Promise<{ file: EvidenceContent; body: StreamableFile }> {
    const file = await this.rpc.call(attendanceRpc.exemptionEvidence, { exemptionId }, auth, { timeoutMs: EVIDENCE_RPC_TIMEOUT_MS });
    if (file.contentBase64 !== undefined) return { file, body: new StreamableFile(Buffer.from(file.contentBase64, 'base64')) };
    return { file, body: await parkedFileBody(await this.transfers(), file.transfer!.name) };
  }
}

/** OpenAPI: the multipart form of an exemption request. */
export const ExemptionFormSchema: SchemaObject = {
  type: 'object',
  required: ['sessionId', 'reason'],
  properties: {
    sessionId: { type: 'string', format: 'uuid' },
    studentId: { type: 'string', format: 'uuid', description: 'a linked parent names the child' },
    reason: { type: 'string', minLength: 3, maxLength: 1000 },
    file: { type: 'string', format: 'binary', description: 'the evidence (PDF, PNG, JPEG or WebP, at most 10 MB); its name is the part’s filename' },
  },
};
