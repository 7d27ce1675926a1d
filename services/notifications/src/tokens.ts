/** Injection tokens of the notifications service. */
export const EMAIL_PROVIDER = Symbol('notifications:email-provider');
