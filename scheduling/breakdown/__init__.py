"""The script breakdown: locations, sets, scenes, their elements, and screenplay import."""
