"""The shared machinery every app uses, on the ground floor: the append-only audit
history (`services`), the one way a record changes state or fields (`transitions`: a
declared transition fired with its permission and audit entry, `audited_update`), the
page-action helper (`pages`), and moving models' content types between apps
(`moves`). It knows no app."""
