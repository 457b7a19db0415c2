"""What both sides of the flow read: the curated catalogues in data/, area codes, provenance and
number formatting. Imports neither `build` nor `app`."""
