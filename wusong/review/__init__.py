"""The migration history of the first version's review app, whose models are now in
`meetings`, `notices` and `notifications`: kept so that a database created before the
split upgrades. It holds no models."""
