"""Expert review owns the expert pool, conflicts of interest and duplicate flags, review
rounds with their assignment or random draws, the experts' score sheets and the ranking."""
