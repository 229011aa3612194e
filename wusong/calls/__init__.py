"""Calls own programmes, calls (batches) with their extra fields, and declarations from
draft through formal review to the recorded selection outcome, with their attachments."""
