"""The registry owns who is who: organisations, people and their roles, industries, zones
and parks. Every other app stands on it."""
