"""Post-investment care: the projects the office follows (portfolio and candidates),
their five-dimension assessments and targeted service plans, company reports, mid-term
checks and final acceptance with their expert panels, and the candidate pool."""
