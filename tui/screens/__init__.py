"""The assistant's screens, one module each."""
