"""Pages for post-investment care. Thin: check permission, call a service or selector,
render. A project the user may not see is 404."""
