"""Read CBS files of any year and format into one vocabulary."""
