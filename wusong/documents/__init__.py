"""Documents the office issues (agreements, certificates, minutes, notices) as PDFs in
Chinese, from templates the office can edit in the admin, with the font embedded. It
knows no app: each app builds its document's context, checks who may have it, and hands
the context here to be rendered."""
