"""Insight: the leadership's view of the chain, read from the apps below it (today the
overview of declarations per call by state and by industry, amounts in 万元)."""
