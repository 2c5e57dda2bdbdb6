/** Size limits shared by the server (enforced) and the clients (shown before sending). */
export const LIMITS = {
  /** Longest citizen message, in characters. */
  messageMaxChars: 2000,
  /** Largest JSON body the public API accepts, in bytes. */
  bodyMaxBytes: 16 * 1024,
  /** Longest client message id (used to make retries idempotent). */
  clientMessageIdMaxChars: 64,
  /** Longest free-text feedback comment. */
  feedbackMaxChars: 1000,
} as const;
