"""The full-screen assistant driven by keys through Textual's Pilot, one module per screen or widget group."""
