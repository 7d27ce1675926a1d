import type { Provider } from '@nestjs/common';
import { CONFIG } from '@tec/shared';
import type { LiveClassesConfig } from '../config';
import { DevelopmentProvider } from './development.provider';
import { JitsiProvider } from './jitsi.provider';
import { MEETING_PROVIDERS, type MeetingProviders } from './meeting-provider';
import { ZoomClient } from './zoom/zoom-client';
import { ZoomProvider } from './zoom/zoom.provider';

export const ZOOM_CLIENT = Symbol('ZOOM_CLIENT');

/** Every provider is available (a class keeps the provider it was created with); LIVE_CLASSES_PROVIDER picks new ones'. */
export const meetingProviders: Provider[] = [
  {
    provide: ZOOM_CLIENT,
    inject: [CONFIG],
    useFactory: (config: LiveClassesConfig) =>
      new ZoomClient({
        accountId: config.ZOOM_ACCOUNT_ID,
        clientId: config.ZOOM_CLIENT_ID,
        clientSecret: config.ZOOM_CLIENT_SECRET,
        apiBaseUrl: config.ZOOM_API_BASE_URL,
        oauthBaseUrl: config.ZOOM_OAUTH_BASE_URL,
        timeoutMs: config.ZOOM_HTTP_TIMEOUT_MS,
        maxRetries: config.ZOOM_MAX_RETRIES,
        retryBaseMs: config.ZOOM_RETRY_BASE_MS,
      }),
  },
  {
    provide: MEETING_PROVIDERS,
    inject: [CONFIG, ZOOM_CLIENT],
    useFactory: (config: LiveClassesConfig, zoom: ZoomClient): MeetingProviders => ({
      zoom: new ZoomProvider(zoom, config.ZOOM_HOST_USER),
      jitsi: new JitsiProvider(config.JITSI_BASE_URL, config.LIVE_CLASSES_ROOM_SECRET),
      development: new DevelopmentProvider(config.PUBLIC_APP_URL),
    }),
  },
];
