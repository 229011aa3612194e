"""Notice pages: the public's (no login), the office's, and the approval certificate.
Thin: parse, authorise, call a service or selector, render."""
