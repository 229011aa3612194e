"""Portal notifications: the messages the services of every app leave for a person or
for an organisation's users, read in the portal and, where configured, sent by e-mail.
Knows no other app: each app calls `services.notify` with its own words and link."""
