"""Documents the office issues (agreements, certificates, minutes, notices) as PDFs in
Chinese, from templates the office can edit in the admin, with the font embedded."""
