"""Meeting pages: the office's (`office`) and the panel member's (`desk`)."""
