"""The visual scheduler of the admin: a day of the season as a grid of spaces
and quarter hours, the accepted activities still to place beside it.

- service.py: what is wrong with (errors) or worth a look in (warnings) a
  placement, placing an activity, and undoing the last placement;
- views.py: the day page, the plain form's confirmation page, the JSON check
  the drag-and-drop path asks before confirming, and the undo;
- admin.py: the mixin that gives ActivityAdmin these URLs.
"""
