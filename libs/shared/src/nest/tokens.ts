/** Injection tokens of the platform kit. */
export const CONFIG = Symbol('tec:config');
export const LOGGER = Symbol('tec:logger');
export const NATS_CONNECTION = Symbol('tec:nats');
export const DATA_SOURCE = Symbol('tec:data-source');
export const PLATFORM_OPTIONS = Symbol('tec:platform-options');

export interface PlatformOptions {
  /** `core`, `notifications`, … : the RPC queue group, the log `service` field and the event producer. */
  serviceName: string;
  subjectPrefix: string;
}
