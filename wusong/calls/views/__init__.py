"""Declaration pages: the applicant's portal, the officer's back office, and the pages
both share. Thin: parse, authorise, call a service or selector, render."""
