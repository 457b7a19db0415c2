"""Wijkdashboard: Dutch neighbourhood policy and its neighbourhoods, on real CBS data."""

ATTRIBUTION = "Bron: CBS, Kadaster (CC BY 4.0)"
