"""Tools to run and exercise the real app — a server process on a free port, a client that speaks
Dash's callback protocol, simulated users — shared by the tests and the benchmarks (which import
nothing from each other)."""
