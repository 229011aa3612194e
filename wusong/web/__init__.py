"""The top of the house: the base templates, stylesheet, home page and each role's
landing, the language switch, and the browser tests that walk the whole site."""
