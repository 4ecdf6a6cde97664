"""Pages that are not about one assessment: home, comparison, evidence."""
