"""Views by concern: masarat.py and programme.py (public programme),
propose.py (the organizer's form and private page)."""
