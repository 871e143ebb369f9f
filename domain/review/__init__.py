"""Reviewing many forms at once: the batch audit, what each form's audit comes to, and the reviewer's report."""
