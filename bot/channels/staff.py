"""The staff console's name in credentials.yml (``bot.channels.staff.StaffConsole``); it lives in ``console/``."""

from console.channel import StaffConsole

__all__ = ["StaffConsole"]
