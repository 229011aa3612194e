"""Equity: what the programme's holder is owed and owns in its portfolio companies. It owns
the convertible positions of funding's agreements, the companies' equity and financing
rounds, conversions, holdings, exits and returns to the pool, the deadline fallback, and
the Open Cap Format export."""
