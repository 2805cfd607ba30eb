"""Benchmarks (``make bench``) and the load-test harness (tests/load/): real servers on loopback, simulated
residents over REST and WeChat, figures printed next to their budgets."""
