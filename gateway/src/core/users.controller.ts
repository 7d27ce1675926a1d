import { Controller, Get, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  coreRpc,
  RpcClient,
  UserAccount,
  UserCreateRequest,
  UserProfile,
  UserProfileUpdateRequest,
  UsersListRequest,
  UsersPage,
  UserUpdateRequest,
  type AuthContext,
} from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const UserParams = z.object({ userId: z.uuid() });
const UserPatchBody = UserUpdateRequest.omit({ userId: true });

@Controller('users')
export class UsersController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Endpoint({
    tag: 'users',
    summary: 'List accounts (search by name or email, filter by role, cursor pagination)',
    access: { kind: 'authenticated', roles: ['admin'], scopes: ['users:read'] },
    query: UsersListRequest,
    response: UsersPage,
  })
  list(@Input('query') query: z.infer<typeof UsersListRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.usersList, query, auth);
  }

  @Post()
  @Endpoint({
    tag: 'users',
    summary: 'Create an account',
    access: { kind: 'authenticated', roles: ['admin'], scopes: ['users:write'] },
    body: UserCreateRequest,
    response: UserAccount,
    status: 201,
  })
  create(@Input('body') body: z.infer<typeof UserCreateRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.usersCreate, body, auth);
  }

  @Patch('me')
  @Endpoint({
    tag: 'users',
    summary: 'Update your own names, timezone and locale',
    access: { kind: 'authenticated' },
    body: UserProfileUpdateRequest,
    response: UserProfile,
  })
  updateMe(@Input('body') body: z.infer<typeof UserProfileUpdateRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.userUpdateProfile, body, auth);
  }

  @Get(':userId')
  @Endpoint({
    tag: 'users',
    summary: 'One profile: yourself, a student you teach, or anyone for admins',
    access: { kind: 'authenticated', scopes: ['users:read'] },
    params: UserParams,
    response: UserProfile,
  })
  get(@Input('params') params: z.infer<typeof UserParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.userGet, params, auth);
  }

  @Patch(':userId')
  @Endpoint({
    tag: 'users',
    summary: 'Update an account (deactivating signs the user out everywhere)',
    access: { kind: 'authenticated', roles: ['admin'], scopes: ['users:write'] },
    params: UserParams,
    body: UserPatchBody,
    response: UserAccount,
  })
  update(@Input('params') params: z.infer<typeof UserParams>, @Input('body') body: z.infer<typeof UserPatchBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.usersUpdate, { ...body, userId: params.userId }, auth);
  }
}
