import { Controller } from '@nestjs/common';
import { chatRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { AttachmentsService } from './attachments.service';

type Rpc = typeof chatRpc;

@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @RpcRoute(chatRpc.attachmentsUploadLimits)
  uploadLimits(payload: RpcParsedRequest<Rpc['attachmentsUploadLimits']>, auth: AuthContext) {
    return this.attachments.uploadLimits(auth, payload.conversationId);
  }

  @RpcRoute(chatRpc.attachmentsUpload)
  upload(payload: RpcParsedRequest<Rpc['attachmentsUpload']>, auth: AuthContext) {
    return this.attachments.upload(auth, payload);
  }

  @RpcRoute(chatRpc.attachmentGet)
  get(payload: RpcParsedRequest<Rpc['attachmentGet']>, auth: AuthContext) {
    return this.attachments.download(auth, payload.attachmentId);
  }

  @RpcRoute(chatRpc.attachmentThumbnailGet)
  thumbnail(payload: RpcParsedRequest<Rpc['attachmentThumbnailGet']>, auth: AuthContext) {
    return this.attachments.thumbnail(auth, payload.attachmentId);
  }
}
