"""jixiao's domain: reading, scoring, explaining, auditing and storing self-evaluations.

Nothing in this package imports Textual; every decision the application makes lives here.
"""
