"""The hotline staff console (热线坐席台): a Rasa input channel served by the Rasa server itself.

``channel`` (the routes and what they do), ``auth`` (accounts, sessions, the limit, CSRF), ``data`` (what
the pages show, as JSON-able dictionaries from policy_kb and records), ``pages``/``pages_records`` and
``chart`` (the HTML), ``static/`` (the stylesheet and the chat pane's script). The records it reads and
writes are the shared ``records`` package. Rasa loads it as ``bot.channels.staff.StaffConsole`` (the name in
credentials.yml), which re-exports :class:`console.channel.StaffConsole`.
"""
