"""Notice pages: the public's (no login) and the office's. Thin: parse, authorise, call
a service or selector, render."""
