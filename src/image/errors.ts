import { BerthError, type BerthErrorOptions, UsageError } from "../shared/errors.js";

/** A text is not a valid image reference or digest; names the text and the rule it breaks. */
export class InvalidReferenceError extends UsageError {
  constructor(text: string, reason: string, options: BerthErrorOptions = {}) {
    super(`invalid reference "${text}": ${reason}`, { ...options, details: { reference: text, reason } });
  }
}

/** Image content is corrupt or hostile (digest mismatch, unsafe tar entry, malformed JSON). */
export class ImageContentError extends BerthError {
  constructor(message: string, options: BerthErrorOptions = {}) {
    super("INTERNAL", message, options);
  }
}

/** A layer tar tried to write outside its target or to create something it may not. */
export class UnsafeLayerError extends ImageContentError {
  constructor(entry: string, reason: string) {
    super(`unsafe layer entry "${entry}": ${reason}`, { details: { entry, reason } });
  }
}
