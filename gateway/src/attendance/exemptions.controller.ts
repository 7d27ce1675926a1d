import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { attendanceRpc, Exemption, ExemptionCreateRequest, ExemptionDecisionRequest, ExemptionsListRequest, RpcClient, type AuthContext } from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint, jsonSchema } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';
import { EvidenceTransfers, ExemptionFormSchema } from './evidence-transfers';

const ExemptionParams = z.object({ exemptionId: z.uuid() });
const DecisionBody = ExemptionDecisionRequest.omit({ exemptionId: true });

/** Excused-absence requests with an evidence file, and the teachers' queue. */
@Controller('attendance/exemptions')
export class ExemptionsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly transfers: EvidenceTransfers,
  ) {}

  @Post()
  @Endpoint({
    tag: 'attendance',
    summary:
      'A student (or a parent with an active link, naming the child in studentId) asks to be excused from a session, with a reason and optionally an evidence file (PDF, PNG, JPEG or WebP, recognised by content; at most 10 MB): multipart/form-data with the fields and the file in a part named "file" (streamed), or JSON with the file as base64 (at most 512 KB). PAYLOAD_TOO_LARGE (413, refused while streaming), UNSUPPORTED_MEDIA_TYPE (415), ALREADY_EXISTS (409).',
    access: { kind: 'authenticated', roles: ['student', 'parent'] },
    response: Exemption,
    status: 201,
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ schema: { oneOf: [ExemptionFormSchema, jsonSchema(ExemptionCreateRequest)] } })
  create(@Req() request: Request, @CurrentAuth() auth: AuthContext) {
    return this.transfers.create(request, auth);
  }

  @Get()
  @Endpoint({
    tag: 'attendance',
    summary: "Exemption requests, newest first: students their own, parents their linked children's, teachers their courses (the queue: status=pending), admins all",
    access: { kind: 'authenticated', roles: ['student', 'parent', 'teacher', 'admin'] },
    query: ExemptionsListRequest,
    response: z.object({ items: z.array(Exemption) }),
  })
  list(@Input('query') query: z.infer<typeof ExemptionsListRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(attendanceRpc.exemptionsList, query, auth);
  }

  @Post(':exemptionId/decision')
  @Endpoint({
    tag: 'attendance',
    summary: 'Approve (the record becomes excused, method exemption) or reject a pending request (teachers of the course, admins). CONFLICT when already decided.',
    access: { kind: 'authenticated', roles: ['teacher', 'admin'] },
    params: ExemptionParams,
    body: DecisionBody,
    response: Exemption,
  })
  decide(@Input('params') params: z.infer<typeof ExemptionParams>, @Input('body') body: z.infer<typeof DecisionBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(attendanceRpc.exemptionsDecide, { ...body, exemptionId: params.exemptionId }, auth);
  }

  @Get(':exemptionId/evidence')
  @Endpoint({
    tag: 'attendance',
    summary: 'Download the evidence file (the student, their linked parents, teachers of the course, admins); files over 512 KB are streamed',
    access: { kind: 'authenticated', roles: ['student', 'parent', 'teacher', 'admin'] },
    params: ExemptionParams,
    response: z.string().meta({ format: 'binary' }),
  })
  async evidence(@Input('params') params: z.infer<typeof ExemptionParams>, @CurrentAuth() auth: AuthContext, @Res({ passthrough: true }) response: Response) {
    const { file, body } = await this.transfers.evidence(params.exemptionId, auth);
    response.setHeader('Content-Type', file.mimeType);
    // Never rendered inline: the browser downloads it, so a crafted file cannot run in our origin.
    response.setHeader('Content-Disposition', `attachment; filename="${file.fileName.replace(/[^\w.-]+/g, '_')}"`);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    return body;
  }
}
