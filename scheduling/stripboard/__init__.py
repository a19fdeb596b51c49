"""The shooting schedule: stripboard versions, units, shoot days, day out of days, conflicts."""
