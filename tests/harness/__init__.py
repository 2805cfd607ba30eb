"""The test harness, also used by bench/ to measure: real servers on loopback (``servers``: process
supervision, /proc memory, configuration files, the local PostgreSQL and Redis) and WeChat around the channel
(``wechat``: the simulated WeChat server, the fake customer-service API, a fake bot)."""
