"""Guidance: action cards for every notice kind, preparedness checklists, the kit planner, print views."""
