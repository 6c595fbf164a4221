/**
 * Body limits. Bodies are small except a push batch (which sets its own); a route
 * answered before anyone is signed in (sign-in, refresh, sign-out) takes less still, so
 * an anonymous client cannot make the server buffer more than a few kilobytes.
 */
export const DEFAULT_BODY_LIMIT = 64 * 1024;
export const UNAUTHENTICATED_BODY_LIMIT = 4 * 1024;
/** A batch of up to 1000 mutations (notes up to 20,000 characters) can be large. */
export const PUSH_BODY_LIMIT = 16 * 1024 * 1024;
