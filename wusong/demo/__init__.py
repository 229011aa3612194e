"""The Baoshan demo (`manage.py load_demo`): every record made through the same services
the pages use, so each one's history is complete. It stands on top and may use any app."""
